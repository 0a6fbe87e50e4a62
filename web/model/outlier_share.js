// reduceOutliers' targetOutlierShare (beyond BERTopic; its issue #2501 asks for it): instead of a
// threshold, the share of documents to leave as outliers. The engine gives each outlier its score,
// the lowest threshold at which the strategy would give it a topic (its best similarity or
// probability; -Infinity when no threshold would), so the outliers left by a threshold t are those
// scoring below t. Candidate thresholds are the scores themselves (each one the exact boundary of
// an achievable count), and the one whose outlier count is closest to the target is taken:
// deterministic, and no search over thresholds.

/** The targetOutlierShare option: null, or a number in [0, 1]; the threshold may not be given with it. */
export function checkOutlierShare(share, threshold) {
  if (share === null) return;
  if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) {
    throw new (typeof share === 'number' ? Error : TypeError)(`targetOutlierShare must be a number between 0 and 1 (a share of the documents), got ${JSON.stringify(share)}`);
  }
  if (threshold !== undefined) throw new Error('pass either threshold or targetOutlierShare: targetOutlierShare picks the threshold');
}

/**
 * The threshold leaving the number of outliers closest to share * n, where n = scores.length and an
 * outlier stays one under threshold t iff its score < t (NaN: not an outlier). A tie between two
 * counts goes to the larger one (fewer documents moved). null: keep every outlier (no threshold
 * is needed, or the nearest count is all of them).
 */
export function thresholdForShare(scores, share) {
  const n = scores.length;
  const target = share * n;
  const outlierScores = Array.from(scores).filter((s) => !Number.isNaN(s));
  const never = outlierScores.filter((s) => s === -Infinity).length;
  const finite = outlierScores.filter((s) => s !== -Infinity).sort((a, b) => a - b);
  // Keeping every outlier: count finite.length + never, no threshold.
  let best = null;
  let bestCount = finite.length + never;
  // Threshold finite[j] (first of equal scores): the j lower scores stay outliers, with `never`.
  for (let j = finite.length - 1; j >= 0; --j) {
    if (j > 0 && finite[j - 1] === finite[j]) continue;
    const count = never + j;
    if (Math.abs(count - target) < Math.abs(bestCount - target)) best = finite[j], bestCount = count;
  }
  return best;
}
