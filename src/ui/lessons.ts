/**
 * Lesson mode: short step-by-step captions for the main presets, in one text module. Each step
 * says what to look at on screen (colours as in the legend), from which simulated day it applies,
 * and where the claim comes from (the literature cited by the parameter registry and docs/model.md; "model
 * assumption" where the model had to choose a value).
 */
import type { FieldKey } from "../model/fields/registry";
import type { COLOURS } from "../render/palette";
import type { ViewMode } from "./split-docs";
import { TEXT } from "./text";

export interface LessonStep {
  /** Simulated day from which the caption applies; the lesson follows the run to it. */
  day: number;
  text: string;
  source: string;
  /** Legend entries the caption points at (highlighted beside the tissue). */
  highlight?: (keyof typeof COLOURS)[];
  /** A signal overlay worth switching on for this step (offered as a button). */
  overlay?: FieldKey;
  /** The step that runs the lesson's trial replica (a patients choice and a Run button). */
  runTrial?: true;
  /** The step shows the finished replica's plot: model beside published (replica.svg). */
  showReplica?: true;
}

/** A published replica (public/trials) the lesson runs in the Experiment panel. */
export interface LessonTrial {
  file: string;
  /** Virtual patients per arm the class can choose (the first is the default). */
  patients: readonly number[];
}

export interface Lesson {
  preset: string;
  title: string;
  /** The view the lesson is written for. */
  view: ViewMode;
  trial?: LessonTrial;
  steps: LessonStep[];
}

export const LESSONS: Lesson[] = [
  {
    preset: "healthy",
    title: "A healthy liver lobule",
    view: "single",
    steps: [
      {
        day: 0,
        text: "A slice of healthy liver one cell thick. Hepatocytes (tan) sit in plates between sinusoids (white), the capillaries that carry blood from the portal tracts (grey-green) to the central veins (dark blue).",
        source: "Lobule radius ≈ 0.4 mm (assumed); hepatocytes are 60–80 % of liver cells (PMC9040585, Adv Mater 2022)",
        highlight: ["hepatocyte", "sinusoid", "portalTract", "centralVein"],
      },
      {
        day: 0,
        text: "Beside the sinusoids sit quiescent stellate cells (light blue), which store vitamin A, and resting Kupffer cells (mauve), the liver's own macrophages.",
        source:
          "Stellate cells are 5–8 % of liver cells (Geerts 2001); Kupffer cells are 31 % of sinusoidal cells (Bouwens 1986, Hepatology)",
        highlight: ["hscQuiescent", "kupfferM0"],
      },
      {
        day: 3,
        text: "Press Play. A hepatocyte lives 200–400 days, so only now and then does one die and a neighbour divide (dark green) to fill the gap.",
        source: "Hepatocyte lifespan 200–400 days in rodents (Malato 2011, J Clin Invest)",
        highlight: ["hepatocyteCycling"],
      },
      {
        day: 30,
        text: "Collagen (red) stays in thin rims around the vessels: the collagen area (CPA) stays low and the hepatocyte mass stays near 100 %. Healthy tissue is a steady state, not a still picture.",
        source:
          "Normal-liver CPA: no measured value found; the model assumes a few %, collagen only around portal tracts and central veins (assumed)",
        highlight: ["collagen"],
      },
    ],
  },
  {
    preset: "partial-hepatectomy",
    title: "Regeneration after partial hepatectomy",
    view: "single",
    steps: [
      {
        day: 0,
        text: "Two thirds of the hepatocytes have just been removed, as in the classic 2/3 partial hepatectomy in the rat. Free space (cream) shows where they were.",
        source: "Rat 2/3 partial hepatectomy (Marongiu 2017, World J Gastroenterol)",
        highlight: ["empty"],
      },
      {
        day: 1,
        text: "Within a day most remaining hepatocytes enter the cell cycle (dark green). In the rat, DNA synthesis peaks about 24 hours after surgery: see the marker on the cell-cycle chart.",
        source:
          "DNA-synthesis peak ≈ 24 h (Zieve 1985, J Lab Clin Med); ≈ 2/3 of hepatocytes enter S phase (Marongiu 2017)",
        highlight: ["hepatocyteCycling"],
      },
      {
        day: 2,
        text: "A dividing cell puts its daughter into free space next to it. Growth factors drive the decision: switch on the HGF overlay to see where HGF is highest.",
        source:
          "Cycle entry tuned to the rat resection wave (Zieve 1985, Marongiu 2017); HGF and EGF control of entry is a model assumption",
        overlay: "hgf",
      },
      {
        day: 7,
        text: "By day 7–10 the rat liver is back to about 90 % of its mass, and the wave of division has died down. Compare the mass curve with the reference bar: where does the model agree?",
        source:
          "Mass and DNA largely restored by day 10 (Marongiu 2017); DNA synthesis back to baseline by day 7–8 (Zieve 1985)",
        highlight: ["hepatocyte"],
      },
    ],
  },
  {
    preset: "chronic-injury-f2",
    title: "How scar forms: chronic injury at F2",
    view: "single",
    steps: [
      {
        day: 0,
        text: "This liver has had weeks of a toxic injury like carbon tetrachloride (CCl4). The toxin is activated around the central veins (dark blue), so hepatocytes there are damaged (brown) and die.",
        source: "CCl4 is bioactivated by pericentral CYP2E1 (model assumption for the zonation, parameter registry)",
        highlight: ["hepatocyteDamaged", "centralVein"],
      },
      {
        day: 1,
        text: "Dying cells release damage signals. Kupffer cells nearby turn inflammatory (M1, magenta) and release TNF and TGF-β. Switch on the TGF-β overlay to see it around the scar.",
        source:
          "M1/M2 switching and secretion rates are model assumptions; restorative macrophages after injury: Ramachandran 2012",
        highlight: ["kupfferM1"],
        overlay: "tgfb",
      },
      {
        day: 3,
        text: "TGF-β and damage signals activate stellate cells (orange). Activated stellate cells lay down collagen (red) where hepatocytes were lost; under CCl4, collagen synthesis rises about threefold.",
        source: "≈ 3-fold collagen synthesis under CCl4 (Gardner 2007, Am J Physiol GI)",
        highlight: ["hscActivated", "collagen"],
      },
      {
        day: 7,
        text: "Scars around neighbouring central veins grow towards each other and form septa. A collagen area of 6–10 % is stage F2 in the model: see the shaded stage bands on the CPA chart.",
        source: "Stage bands after the CPA bands of Huang 2014 (J Hepatol)",
        highlight: ["collagen"],
      },
      {
        day: 14,
        text: "The injury continues for the whole run, so the collagen area keeps climbing. What happens when it stops? Open the scenario 'Injury withdrawal at F2' to find out.",
        source: "Fibrosis regresses after withdrawal of the toxin (Lee 2001)",
      },
    ],
  },
  {
    preset: "chronic-injury-f4",
    title: "Cirrhosis: septa, nodules and cross-links",
    view: "single",
    steps: [
      {
        day: 0,
        text: "Cirrhosis (F4): septa of collagen (red) join central veins to each other and to portal tracts, and cut the tissue into nodules of hepatocytes.",
        source: "Cirrhosis after 10–16 weeks of CCl4 in rodents (Lee 2001; Issa 2004, Gastroenterology)",
        highlight: ["collagen", "centralVein", "portalTract"],
      },
      {
        day: 0,
        text: "The oldest septa are cross-linked (dark red). Cross-linked collagen resists the enzymes that break collagen down, which is why old scar is hard to remove.",
        source: "Cross-linked septa resist degradation (Issa 2004)",
        highlight: ["collagenCrosslinked"],
      },
      {
        day: 3,
        text: "Sinusoids trapped in scar lose their openings and become capillarised (teal), so they deliver less oxygen. Switch on the oxygen overlay to find the poorly supplied regions.",
        source:
          "Capillarisation and hypoxic damage rates are model assumptions (parameter registry: vessels, hepatocyte)",
        highlight: ["capillarised"],
        overlay: "oxygen",
      },
      {
        day: 7,
        text: "Compare the collagen area with the explant data beside the CPA chart: compensated cirrhosis 15.8 ± 5.5 %, decompensated 25.1 ± 8.4 %. Under continuing injury the model climbs through that range.",
        source:
          "CPA of 154 cirrhotic explants, hepatitis C (a study sub-classifying cirrhosis by CPA; docs/model.md, References)",
      },
    ],
  },
  {
    preset: "injury-withdrawal-f2",
    title: "Scar can regress: withdrawal at F2",
    view: "single",
    steps: [
      {
        day: 0,
        text: "The same kind of F2 scar, but the toxin has stopped. Nothing keeps the stellate cells activated (orange) any more.",
        source: "Fibrosis regresses after CCl4 withdrawal (Lee 2001)",
        highlight: ["hscActivated"],
      },
      {
        day: 3,
        text: "Without TGF-β, activated stellate cells return to rest (light blue) — about half of them in mice — or die by apoptosis.",
        source: "Reversion of activated HSCs (Kisseleva 2012); HSC apoptosis drives regression (Iredale 1998)",
        highlight: ["hscActivated", "hscQuiescent"],
      },
      {
        day: 7,
        text: "Inflammation settles: inflammatory Kupffer cells (magenta) disappear and restorative ones (blue) remain. Their enzymes (MMPs) break down young collagen.",
        source:
          "Restorative macrophages (Ramachandran 2012); MMP degradation rate assumed from the resolution of 2-week CCl4 fibrosis (Delire 2017)",
        highlight: ["kupfferM1", "kupfferM2"],
      },
      {
        day: 14,
        text: "The collagen area falls week by week and hepatocytes fill the space again: early fibrosis can regress. After long injury regression is less complete — compare 'Injury withdrawal at F4'.",
        source:
          "Less complete regression after 10–16 weeks than after 4 weeks of CCl4 (Lee 2001); cross-linking (Issa 2004)",
        highlight: ["collagen", "hepatocyte"],
      },
    ],
  },
  {
    preset: "early-cirrhosis-bm-msc-iv",
    title: "MSC therapy in early cirrhosis: untreated versus treated",
    view: "split",
    steps: [
      {
        day: 0,
        text: "Left: early cirrhosis, untreated. Right: the same tissue with the same random seed, given one intravenous infusion of 10⁶ bone-marrow MSCs per kg on day 0. Everything else is identical, so any difference is the therapy.",
        source: "Doses of 0.5–1 × 10⁶ cells/kg IV as in human trials (Mohamadnejad 2013: 0.5 × 10⁶ cells/kg IV)",
      },
      {
        day: 1,
        text: "Most intravenous MSCs stick in the lungs; only about 3 % reach the liver. Each real MSC is drawn as many black dots (the display scale in the legend).",
        source:
          "Gholamrezanezhad 2011 (Nucl Med Biol); living IV MSCs only in the lungs (Eggenhofer 2012, Front Immunol)",
        highlight: ["msc"],
      },
      {
        day: 2,
        text: "Do MSCs act from a distance? Cells trapped in the lungs still secrete HGF into the blood, but measured secretion rates and half-lives say that adds only about a thousandth to the patient's own plasma HGF. What the treated pane gains comes from the few cells in the liver. Switch on the HGF overlay and compare the panes.",
        source:
          "Mass balance of the blood compartment (docs/model.md, 'Systemic blood compartment'): MSC secretion (Rehman 2004), plasma HGF (Shiota 1995); MSCs trapped in the lungs (Eggenhofer 2012)",
        overlay: "hgf",
      },
      {
        day: 7,
        text: "MSCs in contact shift Kupffer cells from inflammatory (magenta) to restorative (blue). Compare the inflammation numbers under each pane: after an intravenous dose less than one real MSC sits in this section, so the panes barely differ.",
        source:
          "MSC-educated macrophages (Kim & Hematti 2009, direction only; the size of the effect is a model assumption); real MSCs in the section: docs/model.md, 'Scale'",
        highlight: ["kupfferM1", "kupfferM2"],
      },
      {
        day: 14,
        text: "The difference chart shows treated minus untreated: here it stays near zero. In rats, MSCs cut the collagen area by about 70 %; a randomised trial of intravenous BM-MSCs found no benefit, while pooled trials report modest gains. Which does the model resemble, and why?",
        source:
          "Rat: Jang 2014 (BMC Gastroenterol); patients: Mohamadnejad 2013 (IV BM-MSC trial), Zhao 2018 and Liu 2022 (Stem Cell Res Ther)",
      },
      {
        day: 21,
        text: "Switch off one MSC mechanism for the treated pane (buttons under the panes). The change in the difference chart is that mechanism's share of the benefit.",
        source: "Knock-out experiment: the model's mechanism switches (docs/model.md, 'Mechanism switches')",
      },
    ],
  },
  {
    preset: "advanced-cirrhosis-bm-msc-hepatic-artery",
    title: "Advanced cirrhosis: a better route against old scar",
    view: "split",
    steps: [
      {
        day: 0,
        text: "Advanced cirrhosis: thick, cross-linked septa (dark red), some senescent hepatocytes (light grey) and a lower capacity to regenerate.",
        source:
          "Cross-linked septa (Issa 2004); halved regenerative capacity and more senescence are model assumptions",
        highlight: ["collagenCrosslinked", "hepatocyteSenescent"],
      },
      {
        day: 1,
        text: "Here the MSCs go into the hepatic artery and bypass the lungs, so many more reach the liver than after an intravenous infusion: count the black dots.",
        source:
          "Intra-arterial delivery bypasses the lungs (Sanchez-Diaz 2021, J Clin Med); clinically better than a peripheral vein (Zhao 2018)",
        highlight: ["msc"],
      },
      {
        day: 7,
        text: "Yet the panes barely differ. A patient's septa are years old and cross-linked, which resists enzymes, MSCs' included, and senescent cells divide poorly. One dose changes the collagen area by about a hundredth of a point, here as in early cirrhosis; rats lose much of their weeks-old scar.",
        source:
          "Cross-linked scar resists degradation (Issa 2004); human scar is aged at hand-off (docs/model.md, 'Scar age at hand-off'); paired runs, 96², 5 seeds: day-28 CPA difference 0.000 ± 0.008 points (advanced), −0.007 ± 0.010 (early)",
      },
    ],
  },
  {
    preset: "advanced-cirrhosis-untreated",
    title: "Clinical trial: does the model reproduce an MSC trial?",
    view: "single",
    trial: { file: "pan-2014-bm-msc-meta-meld.json", patients: [20, 10, 2] },
    steps: [
      {
        day: 0,
        text: "A clinical trial compares arms: patients given MSCs and patients given usual care (the control arm). Pooling the controlled trials of bone-marrow MSCs in decompensated cirrhosis, Pan 2014 found MELD (a liver-failure score: higher is worse) 2.01 points lower with MSCs than without, 24 weeks on.",
        source:
          "Pan 2014, World J Gastroenterol 20:14051–14057 (meta-analysis): MELD −2.01 (95 % CI −3.35 to −0.68) at 24 weeks",
      },
      {
        day: 0,
        text: "The virtual trial starts from this tissue, advanced cirrhosis. Each virtual patient has a tissue of their own and is run twice: untreated and given MSCs. These paired twins differ only in the treatment, which no real trial can arrange, so the difference between twins is the MSC effect itself.",
        source:
          "Paired twins and how each endpoint is compared: docs/trials.md, 'How an endpoint is compared'; MELD in the model is a proxy (docs/outputs.md)",
      },
      {
        day: 0,
        text: "Run the replica on this computer's Web Workers: the Experiment panel opens and shows its progress. 20 patients per arm take a few minutes; 2 are quick but imprecise. When it is done, close the panel to read the result here.",
        source:
          "public/trials/pan-2014-bm-msc-meta-meld.json, run at 64² (docs/user-guide.md, 'Experiments in the page')",
        runTrial: true,
      },
      {
        day: 0,
        text: "Each bar is a mean with its 95 % confidence interval: the range of true values the data fit, given how many patients there were and how much they varied. Fewer patients, wider bar. Where the model's bar and the trials' overlap, the verdict says 'consistent', so a wide bar passes easily: compare 2 patients with 20.",
        source: "docs/trials.md, 'How an endpoint is compared' (t-intervals; the verdict is deliberately crude)",
        showReplica: true,
      },
      {
        day: 0,
        text: "The honest finding: the model's MELD difference is a few thousandths of a point where the trials report about 2. Few infused cells reach and stay in each gram of liver, their secretion rates come from cells in a dish, and they add little to the body's own factors in the blood. No value was tuned towards the trials.",
        source: "docs/trials.md, 'What the misses say'; docs/model.md, 'Delivery' and 'Systemic blood compartment'",
        showReplica: true,
      },
      {
        day: 0,
        text: "Which is right? The small, open-label trials may overstate the benefit: the one placebo-controlled trial (Mohamadnejad 2013) found none, as the model does. Or the model may lack mechanisms: it has no decompensation, and no effects of MSCs beyond four secreted factors, such as on the bone marrow's own progenitors.",
        source:
          "Mohamadnejad 2013, Liver Int 33:1490–1496; docs/trials.md, 'What the misses say'; docs/model.md, 'What is simplified or not modelled'",
      },
    ],
  },
];

export function lessonFor(preset: string | null): Lesson | undefined {
  return LESSONS.find((l) => l.preset === preset);
}

/**
 * The step whose day the run has just reached, moving from `fromDay` to `toDay` (the latest one if
 * several), or -1: the caption follows the run without taking navigation away in between.
 */
export function stepReached(lesson: Lesson, fromDay: number, toDay: number): number {
  let index = -1;
  lesson.steps.forEach((s, i) => {
    if (s.day > fromDay && s.day <= toDay) index = i;
  });
  return index;
}

/**
 * Where a lesson stands: the step shown and the last day of the run seen. The caption follows the
 * run only while the lesson is open, so a lesson opened in the middle of a run starts at step 1
 * (the step line then says how far the run has gone); a restart of the run goes back to step 1.
 */
export class LessonProgress {
  index = 0;
  lastDay = 0;

  constructor(readonly lesson: Lesson) {}

  /** The run is at `day`; true when the step shown changed. */
  follow(day: number, open: boolean): boolean {
    if (day < this.lastDay) {
      this.lastDay = day;
      const changed = this.index !== 0;
      this.index = 0;
      return changed;
    }
    const reached = open ? stepReached(this.lesson, this.lastDay, day) : -1;
    this.lastDay = day;
    if (reached < 0 || reached === this.index) return false;
    this.index = reached;
    return true;
  }

  /** Back (−1) or Next (+1), within the lesson. */
  go(delta: number): void {
    this.index = Math.min(this.lesson.steps.length - 1, Math.max(0, this.index + delta));
  }

  /** "Step 2 of 6 · from day 1", and the run's day when the run has gone past this step. */
  stepLine(): string {
    const steps = this.lesson.steps;
    const step = steps[this.index]!;
    const next = steps[this.index + 1];
    // Behind: the run has gone on past this step into a later one (not so while it stands at this step's day).
    const behind = next !== undefined && next.day <= this.lastDay && this.lastDay > step.day;
    const where = behind ? TEXT.lesson.runAt(step.day, Math.floor(this.lastDay)) : TEXT.lesson.fromDay(step.day);
    return `${TEXT.lesson.stepOf(this.index + 1, steps.length)}${where}`;
  }
}
