import { expect, test } from '@playwright/test';

/**
 * Fails every test of the enclosing describe block whose page threw an uncaught error: the
 * screens under test must turn bad input into a message, never into an exception.
 */
export function failOnPageErrors(): void {
  let pageErrors: Error[] = [];
  test.beforeEach(({ page }) => {
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
  });
  test.afterEach(() => {
    expect(pageErrors).toEqual([]);
  });
}
