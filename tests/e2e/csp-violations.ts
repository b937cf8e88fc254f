import type { Page, Worker } from '@playwright/test';

/**
 * Collects every Content-Security-Policy violation of a page and of its dedicated workers.
 * The page's come from its `securitypolicyviolation` events and from the console (where Chromium
 * also reports what it blocked); a worker's violations fire only inside the worker, so a listener
 * is added to each worker as soon as Playwright sees it (its models and wasm load later, on request).
 */
export interface CspWatch {
  /** "directive blocked-url" for each violation seen so far, page and workers together. */
  violations(): Promise<string[]>;
}

interface WindowWithViolations {
  cspViolations?: string[];
}

async function watchWorker(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const scope = self as unknown as WindowWithViolations & EventTarget;
    scope.cspViolations = [];
    scope.addEventListener('securitypolicyviolation', (event) => {
      const violation = event as SecurityPolicyViolationEvent;
      scope.cspViolations?.push(`${violation.effectiveDirective} ${violation.blockedURI || '(inline)'}`);
    });
  });
}

async function workerViolations(worker: Worker): Promise<string[]> {
  return worker.evaluate(() => (self as unknown as WindowWithViolations).cspViolations ?? ['(worker not watched)']);
}

export async function watchCspViolations(page: Page): Promise<CspWatch> {
  await page.addInitScript(() => {
    const target = window as unknown as WindowWithViolations;
    target.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      target.cspViolations?.push(`${event.effectiveDirective} ${event.blockedURI || '(inline)'}`);
    });
  });
  const consoleReports: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleReports.push(`console: ${message.text()}`);
  });
  const workers: Worker[] = [];
  const watching: Promise<void>[] = [];
  page.on('worker', (worker) => {
    workers.push(worker);
    watching.push(watchWorker(worker).catch(() => undefined));
  });
  return {
    async violations() {
      await Promise.all(watching);
      const fromPage = await page.evaluate(() => (window as unknown as WindowWithViolations).cspViolations ?? []);
      const fromWorkers = await Promise.all(workers.map((worker) => workerViolations(worker).catch(() => [] as string[])));
      return [...fromPage, ...fromWorkers.flat(), ...consoleReports];
    },
  };
}
