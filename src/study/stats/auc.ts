/** Area under the ROC curve of a score for a binary outcome, by the Mann–Whitney rank sum (ties count one half). */
import { ranks } from "./ranks";

/** P(score of a random positive > score of a random negative); NaN if either class is empty. */
export function auc(scores: readonly number[], positive: readonly boolean[]): number {
  const keep = scores.map((_, i) => i).filter((i) => Number.isFinite(scores[i]!));
  const r = ranks(keep.map((i) => scores[i]!));
  let nPos = 0;
  let rankSum = 0;
  keep.forEach((i, j) => {
    if (positive[i]) {
      nPos++;
      rankSum += r[j]!;
    }
  });
  const nNeg = keep.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
