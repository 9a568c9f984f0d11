/**
 * The holding bisection's probes and the check it rests on: a bisection on the drift is valid only
 * where the drift grows with the intensity. Over a year on a human stage it need not
 * (docs/model.md, "But the held F3's cells are not in balance for a year"), so the probes are checked.
 */
export interface Probe {
  intensity: number;
  /** Mean CPA drift over the seeds at the last day (points). */
  drift: number;
}

/** Pairs of probes, ordered by intensity, where the higher intensity drifts less: none if monotone. */
export function monotoneBreaks(probes: readonly Probe[]): [Probe, Probe][] {
  const sorted = [...probes].sort((a, b) => a.intensity - b.intensity);
  const breaks: [Probe, Probe][] = [];
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.drift < sorted[i - 1]!.drift) breaks.push([sorted[i - 1]!, sorted[i]!]);
  return breaks;
}
