/** Runs the therapy timeline each step: infusions due now, intravenous arrivals, the systemic pool. */
import { hazard, need } from "../params/compiled";
import type { SimState } from "../sim-state";
import { bloodLevels } from "./blood";
import { convertDose } from "./delivery";
import { placeMscs } from "./placement";

export function applyTherapy(sim: SimState): void {
  const s = sim.scenario;
  const { p, dt, stepsPerDay } = sim.derived;
  const A = sim.amplification;
  s.therapy.infusions.forEach((inf, i) => {
    if (Math.round(inf.day * stepsPerDay) !== sim.step) return;
    const dose = convertDose(s, p, inf);
    sim.systemicByInfusion[i] = (sim.systemicByInfusion[i] ?? 0) + dose.systemicCells;
    if (inf.route === "intravenous") {
      sim.pending.push({
        infusion: i,
        remainingReal: dose.realInSection,
        ratePerHour: 1 / need(p, "msc.iv_arrival_days"),
        carry: 0,
      });
    } else {
      sim.counters.mscDeliveredReal += dose.realInSection;
      const want = dose.realInSection * A;
      const n = Math.floor(want);
      sim.counters.mscDeliveredSimulated += placeMscs(sim, i, inf.route, n);
    }
  });
  for (const arrival of sim.pending) {
    if (arrival.remainingReal <= 0) continue;
    const arriving = arrival.remainingReal * hazard(arrival.ratePerHour, dt);
    arrival.remainingReal -= arriving;
    sim.counters.mscDeliveredReal += arriving;
    const want = arriving * A + arrival.carry;
    const n = Math.floor(want);
    arrival.carry = want - n;
    sim.counters.mscDeliveredSimulated += placeMscs(sim, arrival.infusion, "intravenous", n);
  }
  sim.pending = sim.pending.filter((a) => a.remainingReal * A >= 1e-3);
  const decay = Math.exp((-Math.LN2 / need(p, "msc.lung_half_life")) * dt);
  for (let i = 0; i < sim.systemicByInfusion.length; i++)
    sim.systemicByInfusion[i] = sim.systemicByInfusion[i]! * decay;
  sim.blood = bloodLevels(s, p, sim.systemicByInfusion, sim.baseline.bloodReference);
}
