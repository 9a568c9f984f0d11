/**
 * The shipped presets (public/scenarios/*.json), imported statically so the model, the CLI and the page
 * share one copy. A test checks that every JSON file in public/scenarios is listed here.
 */

import advancedCirrhosisBmMscHepaticArtery from "../../../public/scenarios/advanced-cirrhosis-bm-msc-hepatic-artery.json" with {
  type: "json",
};
import advancedCirrhosisUntreated from "../../../public/scenarios/advanced-cirrhosis-untreated.json" with {
  type: "json",
};
import chronicInjuryF1 from "../../../public/scenarios/chronic-injury-f1.json" with { type: "json" };
import chronicInjuryF2 from "../../../public/scenarios/chronic-injury-f2.json" with { type: "json" };
import chronicInjuryF3 from "../../../public/scenarios/chronic-injury-f3.json" with { type: "json" };
import chronicInjuryF4 from "../../../public/scenarios/chronic-injury-f4.json" with { type: "json" };
import earlyCirrhosisAdiposeMscIv from "../../../public/scenarios/early-cirrhosis-adipose-msc-iv.json" with {
  type: "json",
};
import earlyCirrhosisBmMscHepaticArtery from "../../../public/scenarios/early-cirrhosis-bm-msc-hepatic-artery.json" with {
  type: "json",
};
import earlyCirrhosisBmMscHepaticArteryTwoDoses from "../../../public/scenarios/early-cirrhosis-bm-msc-hepatic-artery-two-doses.json" with {
  type: "json",
};
import earlyCirrhosisBmMscIv from "../../../public/scenarios/early-cirrhosis-bm-msc-iv.json" with { type: "json" };
import earlyCirrhosisBmMscPortalVein from "../../../public/scenarios/early-cirrhosis-bm-msc-portal-vein.json" with {
  type: "json",
};
import earlyCirrhosisHgfMscIv from "../../../public/scenarios/early-cirrhosis-hgf-msc-iv.json" with { type: "json" };
import earlyCirrhosisUcMscIv from "../../../public/scenarios/early-cirrhosis-uc-msc-iv.json" with { type: "json" };
import earlyCirrhosisUntreated from "../../../public/scenarios/early-cirrhosis-untreated.json" with { type: "json" };
import fibrosisF3BmMscIv from "../../../public/scenarios/fibrosis-f3-bm-msc-iv.json" with { type: "json" };
import fibrosisF3Untreated from "../../../public/scenarios/fibrosis-f3-untreated.json" with { type: "json" };
import healthy from "../../../public/scenarios/healthy.json" with { type: "json" };
import injuryWithdrawalF2 from "../../../public/scenarios/injury-withdrawal-f2.json" with { type: "json" };
import injuryWithdrawalF4 from "../../../public/scenarios/injury-withdrawal-f4.json" with { type: "json" };
import partialHepatectomy from "../../../public/scenarios/partial-hepatectomy.json" with { type: "json" };
import type { ScenarioInput } from "./scenario-schema";

/** Preset name → document, in a stable order (untreated bases before their treated twins). */
export const PRESETS: Readonly<Record<string, ScenarioInput>> = {
  "advanced-cirrhosis-bm-msc-hepatic-artery": advancedCirrhosisBmMscHepaticArtery as ScenarioInput,
  "advanced-cirrhosis-untreated": advancedCirrhosisUntreated as ScenarioInput,
  "chronic-injury-f1": chronicInjuryF1 as ScenarioInput,
  "chronic-injury-f2": chronicInjuryF2 as ScenarioInput,
  "chronic-injury-f3": chronicInjuryF3 as ScenarioInput,
  "chronic-injury-f4": chronicInjuryF4 as ScenarioInput,
  "early-cirrhosis-adipose-msc-iv": earlyCirrhosisAdiposeMscIv as ScenarioInput,
  "early-cirrhosis-bm-msc-hepatic-artery": earlyCirrhosisBmMscHepaticArtery as ScenarioInput,
  "early-cirrhosis-bm-msc-hepatic-artery-two-doses": earlyCirrhosisBmMscHepaticArteryTwoDoses as ScenarioInput,
  "early-cirrhosis-bm-msc-iv": earlyCirrhosisBmMscIv as ScenarioInput,
  "early-cirrhosis-bm-msc-portal-vein": earlyCirrhosisBmMscPortalVein as ScenarioInput,
  "early-cirrhosis-hgf-msc-iv": earlyCirrhosisHgfMscIv as ScenarioInput,
  "early-cirrhosis-uc-msc-iv": earlyCirrhosisUcMscIv as ScenarioInput,
  "early-cirrhosis-untreated": earlyCirrhosisUntreated as ScenarioInput,
  "fibrosis-f3-bm-msc-iv": fibrosisF3BmMscIv as ScenarioInput,
  "fibrosis-f3-untreated": fibrosisF3Untreated as ScenarioInput,
  healthy: healthy as ScenarioInput,
  "injury-withdrawal-f2": injuryWithdrawalF2 as ScenarioInput,
  "injury-withdrawal-f4": injuryWithdrawalF4 as ScenarioInput,
  "partial-hepatectomy": partialHepatectomy as ScenarioInput,
};

export const PRESET_NAMES: readonly string[] = Object.keys(PRESETS);

/** The scenario the page opens with. */
export const DEFAULT_PRESET = "early-cirrhosis-bm-msc-iv";

export function presetLookup(name: string): ScenarioInput | undefined {
  return Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
}
