import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, E2E_BASE_URL, E2E_PORT } from './tests/e2e/browser.ts';

/**
 * End-to-end tests run against the production build (`npm run build` first), served by
 * `vite preview` on a fixed port, in Debian's Chromium: Playwright cannot download its own here.
 */
export default defineConfig({
  testDir: './tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  // Two shared cores: one browser at a time keeps the audio timing honest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  reporter: 'list',
  use: {
    baseURL: E2E_BASE_URL,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions([]),
    trace: 'off',
  },
  webServer: {
    // E2E_DIST_DIR serves another build folder (a helper's private build) instead of dist/.
    command: `npx vite preview --port ${E2E_PORT} --strictPort${process.env.E2E_DIST_DIR ? ` --outDir ${process.env.E2E_DIST_DIR}` : ''}`,
    url: E2E_BASE_URL,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
