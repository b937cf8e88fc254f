import { describe, expect, it } from 'vitest';
import { createRandom, gaussian } from '../lib/random.ts';
import { groupedProbeBalancedAccuracy } from './platform-probe.ts';

function dataset(separation: number, seed: number) {
  const random = createRandom(seed);
  const features: Float32Array[] = [];
  const labels: number[] = [];
  const groups: string[] = [];
  for (let group = 0; group < 60; group++) {
    const label = group % 3 === 0 ? 1 : 0; // imbalanced, like the platforms
    for (let clip = 0; clip < 2; clip++) {
      features.push(Float32Array.from({ length: 6 }, (_, d) => gaussian(random) + (d === 2 ? separation * label : 0)));
      labels.push(label);
      groups.push(`g${group}`);
    }
  }
  return { features, labels, groups };
}

describe('platform probe', () => {
  it('finds a platform signal when the features carry one', () => {
    const { features, labels, groups } = dataset(4, 1);
    expect(groupedProbeBalancedAccuracy(features, labels, groups, 7)).toBeGreaterThan(0.9);
  });

  it('stays near chance when they do not', () => {
    const { features, labels, groups } = dataset(0, 2);
    const score = groupedProbeBalancedAccuracy(features, labels, groups, 7);
    expect(score).toBeGreaterThan(0.3);
    expect(score).toBeLessThan(0.7);
  });
});
