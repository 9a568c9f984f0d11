/**
 * The page's pure logic, in Node (no browser): slider scales over every declared parameter, URL
 * options through the schema, number text, scale bars and parameter labels.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_PRESET } from "../../src/model/params/presets";
import { PARAMETERS } from "../../src/model/params/registry";
import { chooseScaleBar } from "../../src/render/scale-bar";
import { paramLabel } from "../../src/ui/controls/param-groups";
import { POSITIONS, sliderScale } from "../../src/ui/controls/slider-scale";
import { approximateCount, formatNumber, formatTicks, mscReadout, parseNumberText } from "../../src/ui/format";
import { parseUrlOptions } from "../../src/ui/url-options";

describe("slider scales", () => {
  it("cover each parameter's whole range, reach its default, and never go backwards", () => {
    for (const p of PARAMETERS) {
      const s = sliderScale(p);
      expect(s.toValue(0), p.key).toBe(p.min);
      expect(s.toValue(POSITIONS), p.key).toBe(p.max);
      const back = s.toValue(s.toPosition(p.default));
      expect(Math.abs(back - p.default), p.key).toBeLessThanOrEqual(
        Math.max(Math.abs(p.default) * 0.02, (p.max - p.min) / POSITIONS, p.integer ? 0.5 : 0),
      );
      let last = -Infinity;
      const bad: number[] = [];
      for (let pos = 0; pos <= POSITIONS; pos++) {
        const v = s.toValue(pos);
        if (v < last || v < p.min || v > p.max || (p.integer && !Number.isInteger(v))) bad.push(pos);
        last = v;
      }
      expect(bad, `${p.key}: positions with a value out of order, out of range or not whole`).toEqual([]);
    }
  });

  it("puts ranges spanning orders of magnitude on a log scale", () => {
    expect(sliderScale({ min: 10, max: 200000, default: 2400 }).log).toBe(true);
    expect(sliderScale({ min: 0, max: 1e9, default: 1e6 }).log).toBe(true);
    expect(sliderScale({ min: 0, max: 1, default: 0.5 }).log).toBe(false);
  });
});

describe("URL options", () => {
  it("opens the default preset, playing, with no warnings", () => {
    const o = parseUrlOptions("");
    expect(o.doc).toEqual({ preset: DEFAULT_PRESET });
    expect(o.autoplay).toBe(true);
    expect(o.warnings).toEqual([]);
  });

  it("takes valid values through the schema", () => {
    const o = parseUrlOptions(
      "?preset=healthy&seed=1e3&size=64&days=30&projector=1&speed=fast&play=0&overlay=tnf&colormap=cividis&renderer=canvas",
    );
    expect(o.doc).toEqual({ preset: "healthy", seed: 1000, lattice: { width: 64, height: 64 }, days: 30 });
    expect([o.projector, o.speed, o.autoplay, o.overlay, o.colormap, o.renderer]).toEqual([
      true,
      "fast",
      false,
      "tnf",
      "cividis",
      "canvas",
    ]);
    expect(o.warnings).toEqual([]);
  });

  it("drops each bad value with a warning naming it and what is allowed", () => {
    const o = parseUrlOptions(
      "?preset=nope&seed=1.5&size=5000&days=-1&projector=2&speed=warp&overlay=x&colormap=jet&renderer=vulkan&extra=1",
    );
    expect(o.doc).toEqual({ preset: DEFAULT_PRESET });
    expect(o.warnings).toHaveLength(10);
    expect(o.warnings.find((w) => w.includes("size=5000"))).toContain("32 … 1024");
    expect(o.warnings.find((w) => w.includes("seed=1.5"))).toContain("whole number");
  });

  it("opens a stain, and drops an unknown one with a warning listing the stains", () => {
    expect(parseUrlOptions("").stain).toBe("schematic");
    expect(parseUrlOptions("?stain=sirius").stain).toBe("sirius");
    const bad = parseUrlOptions("?stain=gram");
    expect(bad.stain).toBe("schematic");
    expect(bad.warnings).toHaveLength(1);
    expect(bad.warnings[0]).toContain("schematic | he | sirius");
  });

  it("never throws, whatever the query", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom("preset", "seed", "size", "days", "speed", "play", "overlay", "junk"),
          fc.string(),
        ),
        (q) => {
          const o = parseUrlOptions(`?${new URLSearchParams(q)}`);
          expect(o.doc.preset).toBeDefined();
          for (const w of o.warnings) expect(w.length).toBeLessThan(400);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("number text", () => {
  it("round-trips what it formats, and hands back what is not a number", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (v) => {
        const back = parseNumberText(formatNumber(v));
        expect(typeof back).toBe("number");
        expect(Math.abs((back as number) - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-3 + 1e-12);
      }),
    );
    expect(parseNumberText(" 2.5e-3 ")).toBe(0.0025);
    expect(parseNumberText("abc")).toBe("abc");
    expect(parseNumberText("1,5")).toBe("1,5");
  });

  it("rounds counts for students and marks the rounded ones approximate", () => {
    expect(approximateCount(12)).toEqual({ text: "12", approximate: false });
    expect(approximateCount(0.108)).toEqual({ text: "0.1", approximate: true });
    expect(approximateCount(0.0357)).toEqual({ text: "0.04", approximate: true });
    expect(approximateCount(3.46)).toEqual({ text: "3.5", approximate: true });
    expect(approximateCount(1234.6)).toEqual({ text: "1235", approximate: true });
    expect(approximateCount(2e-7).text).toBe("2×10⁻⁷");
  });

  it("gives chart ticks enough digits to tell neighbours apart", () => {
    expect(formatTicks([99.9, 99.95, 100])).toEqual(["99.9", "99.95", "100"]);
    expect(formatTicks([0, 5, 10])).toEqual(["0", "5", "10"]);
    expect(formatTicks([1e-4, 2e-4])).toEqual(["10⁻⁴", "2×10⁻⁴"]);
  });

  it("says what a fraction of an MSC means: the real count and the dots drawn for it", () => {
    const full = (real: number, drawn: number) => {
      const r = mscReadout(real, drawn);
      return r.value + r.note;
    };
    expect(full(0.108, 28)).toBe("≈ 0.1 real MSCs (drawn as 28 dots)");
    expect(full(1, 1)).toBe("1 real MSC (drawn as 1 dot)");
    expect(full(2.5, 5)).toBe("≈ 2.5 real MSCs (drawn as 5 dots)");
    expect(mscReadout(0, 0)).toEqual({ value: "0", note: "" });
    expect(mscReadout(0.108, 28).value).toBe("≈ 0.1");
  });
});

describe("labels and scale bar", () => {
  it("derives readable labels from parameter keys", () => {
    expect(paramLabel({ key: "fields.hgf.diffusion", group: "fields" })).toBe("HGF diffusion");
    expect(paramLabel({ key: "msc_source.umbilical_cord.il10", group: "msc-source" })).toBe("Umbilical cord IL-10");
    for (const p of PARAMETERS) expect(paramLabel(p).length, p.key).toBeGreaterThan(2);
  });

  it("picks a round scale-bar length near the wanted size", () => {
    const bar = chooseScaleBar(0.127, 120);
    expect(bar.micrometres).toBe(500);
    expect(bar.label).toBe("500 µm");
    expect(chooseScaleBar(0.05, 120).label).toBe("2 mm");
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 100, noNaN: true }), (ppu) => {
        const b = chooseScaleBar(ppu, 120);
        expect(b.pixels).toBeLessThanOrEqual(120 + 1e-9);
        expect(b.pixels).toBeGreaterThan(120 / 5 - 1e-9);
      }),
    );
  });
});
