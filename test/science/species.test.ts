/**
 * Species clocks (docs/model.md, Species): the same protocol on the same seed and tissue runs slower in
 * a human than in a rat — regeneration after hepatectomy, and stellate clearance and scar regression
 * after the injury stops. Paired per seed: human and rat share the generated day-0 stage.
 */
import { describe, expect, it } from "vitest";
import { report, runToEnd, SEEDS } from "./harness";

const SIZE = 64;
const at = (h: ReturnType<typeof runToEnd>, day: number) => h.find((r) => r.day === day)!;

describe("species clocks", () => {
  it("a human remnant regrows more slowly than a rat's (day-7 mass after a 58 % resection)", () => {
    const gap: number[] = [];
    for (const seed of SEEDS) {
      const run = (species: "rat" | "human") =>
        at(
          runToEnd("partial-hepatectomy", seed, { species, days: 7, disease: { hepatectomy_fraction: 0.58 } }, SIZE),
          7,
        ).hepatocyte_mass_percent;
      gap.push(run("rat") - run("human"));
    }
    report("day-7 mass, rat − human (pp)", gap, 1);
    // Rat ≈ 94 %, human ≈ 53 % (Aoki 2011 measured 51 % of the pre-operative volume one week after donation).
    for (const g of gap) expect(g).toBeGreaterThan(20);
  }, 300_000);

  it("after withdrawal, activated stellate cells clear and the scar regresses more slowly in a human", () => {
    const hsc: number[] = [];
    const cpa: number[] = [];
    const kept: number[] = [];
    for (const seed of SEEDS) {
      const run = (species: "rat" | "human") => runToEnd("injury-withdrawal-f2", seed, { species, days: 28 }, SIZE);
      const rat = run("rat");
      const man = run("human");
      expect(man[0]!.cpa_percent).toBe(rat[0]!.cpa_percent); // the same day-0 stage
      hsc.push(at(man, 7).activated_hsc_fraction - at(rat, 7).activated_hsc_fraction);
      cpa.push(at(man, 28).cpa_percent - at(rat, 28).cpa_percent);
      kept.push(at(man, 28).cpa_percent / man[0]!.cpa_percent);
    }
    report("day-7 activated stellate fraction, human − rat", hsc, 3);
    report("day-28 CPA, human − rat (pp)", cpa, 2);
    report("day-28 CPA kept by a human liver (fraction of day 0)", kept, 3);
    for (const d of hsc) expect(d).toBeGreaterThan(0);
    for (const d of cpa) expect(d).toBeGreaterThan(0);
    // Patients lose fibrosis over years after cure (D'Ambrosio 2012, Marcellin 2013), not in weeks: a
    // human stage's aged scar keeps ≥ 95 % of its CPA for four weeks (with no scar age: 62–77 %).
    for (const k of kept) expect(k).toBeGreaterThanOrEqual(0.95);
  }, 300_000);
});
