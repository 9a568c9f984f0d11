/**
 * The three ways of colouring the whole section ("stains"): the schematic palette (one colour per
 * cell type and state, palette.ts), an H&E-like look (eosin-pink cytoplasm, haematoxylin
 * purple-blue nuclei, pale sinusoids, pale-pink collagen) and picrosirius red (collagen red on a
 * pale-yellow background: the stain collagen proportionate area, CPA, is measured on). Each stain
 * gives every palette key a colour (so painting is the same table lookup for all three), the
 * colour of nuclei and fibres drawn in the close-up, and its own legend: a real stain does not tell
 * a Kupffer cell from a stellate cell by colour, so those legends group what looks alike.
 * Stain colours are schematic imitations chosen by eye (assumed), not measured from slides.
 */
import { COLOURS, LEGEND, type RGB } from "./palette";

export const STAINS = ["schematic", "he", "sirius"] as const;
export type StainName = (typeof STAINS)[number];
export type ColourKey = keyof typeof COLOURS;
export type Palette = Record<ColourKey, RGB>;

export interface StainLegendEntry {
  /** Palette keys this entry stands for (a lesson highlighting any of them highlights the entry). */
  keys: ColourKey[];
  label: string;
  colour: RGB;
}

export interface Stain {
  name: StainName;
  label: string;
  palette: Palette;
  /** Nucleus colour in the close-up; null: a darker shade of the cell's own colour (schematic). */
  nucleus: RGB | null;
  /** Draw the MSC secretion halo (a teaching device; a real stain shows no such thing). */
  halo: boolean;
  /** Close-up outline of the central vein and portal tract walls. */
  wall: RGB;
  /** Close-up endothelial lining where a sinusoid meets the cells around it. */
  lining: RGB;
  legend: StainLegendEntry[];
}

const SCHEMATIC: Stain = {
  name: "schematic",
  label: "Schematic colours",
  palette: COLOURS,
  nucleus: null,
  halo: true,
  wall: [10, 10, 40],
  lining: [120, 120, 140],
  legend: LEGEND.map((e) => ({ keys: [e.key], label: e.label, colour: COLOURS[e.key] })),
};

const HE_PINK: RGB = [224, 128, 170];
const HE_NUCLEUS: RGB = [72, 48, 128];
const HE_SMALL_CELL: RGB = [128, 88, 168];
const HE_LUMEN: RGB = [255, 252, 253];
const HE: Stain = {
  name: "he",
  label: "H&E-like",
  palette: {
    empty: [248, 232, 240],
    hepatocyte: HE_PINK,
    hepatocyteDamaged: [196, 60, 128],
    // A mitotic figure or a senescent cell is seen in the close-up, not as a colour of the whole cell.
    hepatocyteCycling: HE_PINK,
    hepatocyteSenescent: [236, 170, 196],
    hscQuiescent: HE_SMALL_CELL,
    hscActivated: HE_SMALL_CELL,
    kupfferM0: HE_SMALL_CELL,
    kupfferM1: HE_SMALL_CELL,
    kupfferM2: HE_SMALL_CELL,
    msc: HE_SMALL_CELL,
    sinusoid: HE_LUMEN,
    capillarised: HE_LUMEN,
    centralVein: HE_LUMEN,
    portalTract: [160, 120, 190],
    collagen: [243, 186, 206],
    collagenCrosslinked: [238, 176, 198],
  },
  nucleus: HE_NUCLEUS,
  halo: false,
  wall: [190, 90, 150],
  lining: [200, 120, 170],
  legend: [],
};
HE.legend = [
  {
    keys: ["hepatocyte", "hepatocyteCycling", "hepatocyteSenescent"],
    label: "Hepatocyte cytoplasm (eosin, pink); zoom in for dividing and senescent cells",
    colour: HE.palette.hepatocyte,
  },
  {
    keys: ["hepatocyteDamaged"],
    label: "Injured hepatocyte (deep pink, shrunken nucleus)",
    colour: HE.palette.hepatocyteDamaged,
  },
  {
    keys: ["hscQuiescent", "hscActivated", "kupfferM0", "kupfferM1", "kupfferM2", "msc"],
    label: "Nuclei and small cells (haematoxylin): stellate, Kupffer, MSC look alike",
    colour: HE_NUCLEUS,
  },
  {
    keys: ["sinusoid", "capillarised", "centralVein", "empty"],
    label: "Sinusoid and vein lumen (pale)",
    colour: HE_LUMEN,
  },
  { keys: ["portalTract"], label: "Portal tract", colour: HE.palette.portalTract },
  {
    keys: ["collagen", "collagenCrosslinked"],
    label: "Collagen (pale pink: hard to see in H&E)",
    colour: HE.palette.collagen,
  },
];

const SR_YELLOW: RGB = [240, 222, 140];
const SR_SMALL_CELL: RGB = [196, 176, 112];
const SR_LUMEN: RGB = [253, 250, 236];
const SIRIUS: Stain = {
  name: "sirius",
  label: "Sirius red",
  palette: {
    empty: [250, 244, 214],
    hepatocyte: SR_YELLOW,
    hepatocyteDamaged: [226, 204, 118],
    hepatocyteCycling: SR_YELLOW,
    hepatocyteSenescent: SR_YELLOW,
    hscQuiescent: SR_SMALL_CELL,
    hscActivated: SR_SMALL_CELL,
    kupfferM0: SR_SMALL_CELL,
    kupfferM1: SR_SMALL_CELL,
    kupfferM2: SR_SMALL_CELL,
    msc: SR_SMALL_CELL,
    sinusoid: SR_LUMEN,
    capillarised: SR_LUMEN,
    centralVein: SR_LUMEN,
    // Portal tract stroma is collagen-rich and stains red in a real section.
    portalTract: [210, 120, 135],
    collagen: [196, 24, 44],
    collagenCrosslinked: [120, 8, 28],
  },
  nucleus: [118, 96, 64],
  halo: false,
  wall: [190, 30, 50],
  lining: [214, 190, 130],
  legend: [],
};
SIRIUS.legend = [
  {
    keys: ["hepatocyte", "hepatocyteDamaged", "hepatocyteCycling", "hepatocyteSenescent"],
    label: "Cells (picric acid, yellow)",
    colour: SIRIUS.palette.hepatocyte,
  },
  {
    keys: ["hscQuiescent", "hscActivated", "kupfferM0", "kupfferM1", "kupfferM2", "msc"],
    label: "Small cells (stellate, Kupffer, MSC)",
    colour: SR_SMALL_CELL,
  },
  {
    keys: ["sinusoid", "capillarised", "centralVein", "empty"],
    label: "Sinusoid and vein lumen",
    colour: SR_LUMEN,
  },
  { keys: ["portalTract"], label: "Portal tract stroma", colour: SIRIUS.palette.portalTract },
  { keys: ["collagen"], label: "Collagen (red: what CPA measures)", colour: SIRIUS.palette.collagen },
  {
    keys: ["collagenCrosslinked"],
    label: "Cross-linked collagen (dark red)",
    colour: SIRIUS.palette.collagenCrosslinked,
  },
];

export const STAIN_SPECS: Record<StainName, Stain> = { schematic: SCHEMATIC, he: HE, sirius: SIRIUS };

export function stainOf(name: StainName): Stain {
  return STAIN_SPECS[name];
}
