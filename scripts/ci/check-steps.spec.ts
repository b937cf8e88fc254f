import { describe, expect, it } from 'vitest';
import { CHECK_STEPS, canRun, summaryLine, type StepResult } from './check-steps.ts';

describe('check steps', () => {
  it('covers every required check, building before the end-to-end tests', () => {
    const names = CHECK_STEPS.map((step) => step.name);
    for (const tsconfig of ['app', 'worker', 'worklet', 'node', 'pure']) expect(names).toContain(`tsc ${tsconfig}`);
    expect(names).toEqual(expect.arrayContaining(['svelte-check', 'eslint', 'unit tests', 'build', 'e2e tests']));
    expect(names.indexOf('build')).toBeLessThan(names.indexOf('e2e tests'));
  });

  it('does not run the end-to-end tests against a failed build', () => {
    const e2e = CHECK_STEPS.find((step) => step.name === 'e2e tests')!;
    expect(canRun(e2e, [{ name: 'build', outcome: 'failed', seconds: 1 }])).toBe(false);
    expect(canRun(e2e, [{ name: 'build', outcome: 'passed', seconds: 1 }])).toBe(true);
  });

  it('counts a step that could not run as failed', () => {
    const results: StepResult[] = [
      { name: 'a', outcome: 'passed', seconds: 1 },
      { name: 'b', outcome: 'failed', seconds: 1 },
      { name: 'c', outcome: 'not run', seconds: 0 },
    ];
    expect(summaryLine(results)).toBe('1 passed, 2 failed');
  });
});
