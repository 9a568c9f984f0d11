/**
 * The stains and the close-up's tiles, in Node: every stain's legend explains every colour it
 * paints and keeps its entries apart for colour-blind readers; Sirius red paints collagen red on
 * yellow; the close-up draws each cell in its legend colour with inner structure, puts each
 * site's tile where the site is, and draws the MSC halo across its neighbours.
 */
import { describe, expect, it } from "vitest";
import { Cell, HepState, HscState, KupState, Vessel } from "../../src/model/lattice/codes";
import { CloseUpComposer } from "../../src/render/close-up-composer";
import { type Dichromacy, deltaE2000, simulate } from "../../src/render/colour-vision";
import { COLOURS, paintTissue, type RGB, type TissueArrays } from "../../src/render/palette";
import { STAIN_SPECS, STAINS } from "../../src/render/stains";

function lattice(width: number, height: number): TissueArrays {
  const n = width * height;
  return {
    width,
    height,
    cell: new Uint8Array(n),
    state: new Uint8Array(n),
    vessel: new Uint8Array(n),
    damage: new Float32Array(n),
    collagen: new Float32Array(n),
    crosslink: new Float32Array(n),
  };
}

/** Pixels of site (x, y) in a composed picture `w` sites wide at `size` px per site, as [r, g, b] strings → count. */
function sitePixels(rgba: Uint8Array, w: number, size: number, x: number, y: number): Map<string, number> {
  const counts = new Map<string, number>();
  const W = w * size;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      const o = ((y * size + py) * W + x * size + px) * 4;
      const key = `${rgba[o]},${rgba[o + 1]},${rgba[o + 2]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return counts;
}
const key = (c: RGB) => c.map((v) => Math.round(v)).join(",");
const mean = (counts: Map<string, number>): RGB => {
  let r = 0;
  let g = 0;
  let b = 0;
  let n = 0;
  for (const [k, c] of counts) {
    const [kr, kg, kb] = k.split(",").map(Number) as [number, number, number];
    r += kr * c;
    g += kg * c;
    b += kb * c;
    n += c;
  }
  return [r / n, g / n, b / n];
};

describe("stains", () => {
  it("have a legend that names every colour they paint, kept apart for normal vision, deuteranopia and protanopia", () => {
    for (const name of STAINS) {
      const s = STAIN_SPECS[name];
      const covered = new Set(s.legend.flatMap((e) => e.keys));
      for (const k of Object.keys(COLOURS)) expect(covered.has(k as keyof typeof COLOURS), `${name}: ${k}`).toBe(true);
      let worst = { dE: Number.POSITIVE_INFINITY, pair: "" };
      for (const kind of ["normal", "deuteranopia", "protanopia"] as ("normal" | Dichromacy)[])
        for (let i = 0; i < s.legend.length; i++)
          for (let j = i + 1; j < s.legend.length; j++) {
            const a = s.legend[i]!.colour;
            const b = s.legend[j]!.colour;
            const dE = kind === "normal" ? deltaE2000(a, b) : deltaE2000(simulate(a, kind), simulate(b, kind));
            if (dE < worst.dE) worst = { dE, pair: `${kind}: ${s.legend[i]!.label} / ${s.legend[j]!.label}` };
          }
      console.log(`[stains] ${name}: closest legend pair CIEDE2000 ${worst.dE.toFixed(1)} (${worst.pair})`);
      expect(worst.dE, `${name} ${worst.pair}`).toBeGreaterThanOrEqual(10);
    }
  });

  it("paint collagen red on yellow in Sirius red, and hepatocytes pink in H&E", () => {
    const t = lattice(2, 1);
    t.cell[0] = Cell.hepatocyte;
    t.cell[1] = Cell.hepatocyte;
    t.collagen[1] = 0.8;
    const out = new Uint8Array(8);
    paintTissue(t, out, STAIN_SPECS.sirius.palette);
    const [r0, g0, b0] = out;
    const [r1, g1, b1] = out.subarray(4);
    // Yellow: red and green high, blue low. Red: red far above green and blue.
    expect(r0! > 200 && g0! > 180 && b0! < g0! - 50).toBe(true);
    expect(r1! > g1! + 100 && r1! > b1! + 100).toBe(true);
    paintTissue(t, out, STAIN_SPECS.he.palette);
    expect(out[0]! > out[1]! + 50 && out[2]! > out[1]!).toBe(true);
    // The default stays the schematic palette.
    paintTissue(t, out);
    expect([...out.subarray(0, 3)]).toEqual([...COLOURS.hepatocyte]);
  });
});

describe("close-up composer", () => {
  const cells: [string, number, number, number, keyof typeof COLOURS][] = [
    ["hepatocyte", Cell.hepatocyte, HepState.normal, Vessel.none, "hepatocyte"],
    ["dividing hepatocyte", Cell.hepatocyte, HepState.cycling, Vessel.none, "hepatocyteCycling"],
    ["senescent hepatocyte", Cell.hepatocyte, HepState.senescent, Vessel.none, "hepatocyteSenescent"],
    ["quiescent stellate", Cell.stellate, HscState.quiescent, Vessel.none, "hscQuiescent"],
    ["activated stellate", Cell.stellate, HscState.activated, Vessel.none, "hscActivated"],
    ["M1 Kupffer", Cell.kupffer, KupState.m1, Vessel.sinusoid, "kupfferM1"],
    ["M2 Kupffer", Cell.kupffer, KupState.m2, Vessel.sinusoid, "kupfferM2"],
    ["MSC", Cell.msc, 0, Vessel.sinusoid, "msc"],
    ["sinusoid", Cell.empty, 0, Vessel.sinusoid, "sinusoid"],
  ];

  it("draws each cell in its legend colour, with inner structure, and different cells differently", () => {
    // One cell every other site: the MSC's halo reaches its neighbours only.
    const w = cells.length * 2;
    const t = lattice(w, 1);
    cells.forEach(([, c, s, v], i) => {
      t.cell[2 * i] = c;
      t.state[2 * i] = s;
      t.vessel[2 * i] = v;
    });
    const size = 16;
    const rgba = new CloseUpComposer().compose(t, STAIN_SPECS.schematic, 0, 0, w, 1, size, null);
    expect(rgba.length).toBe(w * size * size * 4);
    const pictures = cells.map(([label, , , , colour], i) => {
      const px = sitePixels(rgba, w, size, 2 * i, 0);
      const own = px.get(key(COLOURS[colour])) ?? 0;
      // The legend colour is there (at least 3 % of the tile in exactly that colour: a slender stellate cell is thin and its edges are blended) …
      expect(own / (size * size), label).toBeGreaterThan(0.03);
      // … and more than one colour: membrane, nucleus, processes.
      expect(px.size, label).toBeGreaterThanOrEqual(3);
      return [...px.entries()].sort().join(";");
    });
    expect(new Set(pictures).size).toBe(cells.length);
  });

  it("puts each site's tile where the site is, lays collagen as red fibres in Sirius red and walls round a central vein", () => {
    const t = lattice(6, 4);
    t.cell.fill(Cell.hepatocyte);
    t.collagen[1 * 6 + 4] = 0.8;
    t.cell[2 * 6 + 1] = Cell.empty;
    t.vessel[2 * 6 + 1] = Vessel.centralVein;
    const size = 8;
    // A window from (1, 1), 4 × 3 sites.
    const rgba = new CloseUpComposer().compose(t, STAIN_SPECS.sirius, 1, 1, 4, 3, size, null);
    const collagenSite = mean(sitePixels(rgba, 4, size, 3, 0));
    const plainSite = mean(sitePixels(rgba, 4, size, 2, 0));
    expect(collagenSite[0] - collagenSite[1]).toBeGreaterThan(80);
    expect(plainSite[1]).toBeGreaterThan(180);
    const vein = sitePixels(rgba, 4, size, 0, 1);
    expect(vein.get(key(STAIN_SPECS.sirius.wall)) ?? 0).toBeGreaterThan(size * 2);
    expect(vein.get(key(STAIN_SPECS.sirius.palette.centralVein)) ?? 0).toBeGreaterThan(size * 2);
  });

  it("spreads the MSC secretion halo over the neighbouring sites in the schematic colours only", () => {
    const t = lattice(3, 1);
    t.cell.fill(Cell.hepatocyte);
    t.cell[1] = Cell.msc;
    const green = (counts: Map<string, number>) =>
      [...counts].filter(([k]) => {
        const [r, g, b] = k.split(",").map(Number) as [number, number, number];
        return g > 200 && g > r + 30 && g > b + 90;
      }).length;
    const schematic = new CloseUpComposer().compose(t, STAIN_SPECS.schematic, 0, 0, 3, 1, 16, null);
    expect(green(sitePixels(schematic, 3, 16, 0, 0))).toBeGreaterThan(0);
    expect(green(sitePixels(schematic, 3, 16, 2, 0))).toBeGreaterThan(0);
    const he = new CloseUpComposer().compose(t, STAIN_SPECS.he, 0, 0, 3, 1, 16, null);
    expect(green(sitePixels(he, 3, 16, 0, 0))).toBe(0);
  });

  it("blends the signal overlay over the close-up", () => {
    const t = lattice(2, 1);
    t.cell.fill(Cell.hepatocyte);
    const lut = new Uint8Array(256 * 3).fill(0);
    lut.set([0, 0, 255], 255 * 3);
    const values = new Float32Array([0, 1]);
    const rgba = new CloseUpComposer().compose(t, STAIN_SPECS.schematic, 0, 0, 2, 1, 8, {
      values,
      lo: 0,
      hi: 1,
      lut,
      opacity: 1,
    });
    expect(mean(sitePixels(rgba, 2, 8, 1, 0))).toEqual([0, 0, 255]);
    expect(mean(sitePixels(rgba, 2, 8, 0, 0))).toEqual([0, 0, 0]);
  });
});
