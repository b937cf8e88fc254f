/**
 * `npm test`: runs every check in CHECK_STEPS even when an earlier one fails, prints a table of
 * outcomes and ends with the line "N passed, N failed"; exits non-zero if any step failed.
 */
import { spawnSync } from 'node:child_process';
import { CHECK_STEPS, canRun, summaryLine, type StepResult } from './check-steps.ts';

const results: StepResult[] = [];
for (const step of CHECK_STEPS) {
  if (!canRun(step, results)) {
    console.log(`\n✗ ${step.name}: not run because "${step.needs ?? ''}" failed`);
    results.push({ name: step.name, outcome: 'not run', seconds: 0 });
    continue;
  }
  console.log(`\n▶ ${step.name}: ${step.command} ${step.args.join(' ')}`);
  const started = performance.now();
  const run = spawnSync(step.command, step.args, { stdio: 'inherit', env: process.env });
  const seconds = (performance.now() - started) / 1000;
  if (run.error) console.error(`${step.name} could not start: ${run.error.message}`);
  results.push({ name: step.name, outcome: run.status === 0 ? 'passed' : 'failed', seconds });
}

console.log('\nChecks:');
for (const result of results) console.log(`  ${result.outcome.padEnd(7)}  ${result.name.padEnd(13)} ${result.seconds.toFixed(1)} s`);
console.log(summaryLine(results));
process.exitCode = results.every((result) => result.outcome === 'passed') ? 0 : 1;
