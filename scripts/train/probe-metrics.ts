/** Mean per-class recall of 0/1 predictions (classes absent from the labels are skipped). */
export function balancedAccuracyOf(labels: readonly number[], predicted: readonly number[]): number {
  const recalls = [0, 1].flatMap((c) => {
    const members = labels.flatMap((l, i) => (l === c ? [i] : []));
    return members.length === 0 ? [] : [members.filter((i) => predicted[i] === c).length / members.length];
  });
  return recalls.reduce((a, b) => a + b, 0) / Math.max(1, recalls.length);
}
