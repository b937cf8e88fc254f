/**
 * Every check `npm test` runs, in order. Each is its own command so that one red step does not
 * hide another: all run, and the summary counts them.
 */
export interface CheckStep {
  name: string;
  command: string;
  args: readonly string[];
  /** Name of a step that must have passed for this one to mean anything. */
  needs?: string;
}

export const CHECK_STEPS: readonly CheckStep[] = [
  { name: 'svelte-check', command: 'npx', args: ['svelte-check', '--fail-on-warnings', '--tsconfig', './tsconfig.app.json'] },
  { name: 'tsc app', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.app.json'] },
  { name: 'tsc worker', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.worker.json'] },
  { name: 'tsc worklet', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.worklet.json'] },
  { name: 'tsc node', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.node.json'] },
  // domain, features and fusion compiled without DOM or worker types, so they cannot reach for either.
  { name: 'tsc pure', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.pure.json'] },
  { name: 'eslint', command: 'npx', args: ['eslint', '.', '--max-warnings', '0'] },
  { name: 'unit tests', command: 'npx', args: ['vitest', 'run'] },
  { name: 'build', command: 'npx', args: ['vite', 'build'] },
  // End-to-end tests against a stale build would prove nothing.
  { name: 'e2e tests', command: 'npx', args: ['playwright', 'test'], needs: 'build' },
];

export type StepOutcome = 'passed' | 'failed' | 'not run';

export interface StepResult {
  name: string;
  outcome: StepOutcome;
  seconds: number;
}

/** The last line of the run: "N passed, N failed" (a step that could not run counts as failed). */
export function summaryLine(results: readonly StepResult[]): string {
  const passed = results.filter((result) => result.outcome === 'passed').length;
  return `${passed} passed, ${results.length - passed} failed`;
}

/** Whether a step may run, given the results so far. */
export function canRun(step: CheckStep, results: readonly StepResult[]): boolean {
  if (!step.needs) return true;
  return results.some((result) => result.name === step.needs && result.outcome === 'passed');
}
