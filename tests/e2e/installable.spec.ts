import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { chromiumLaunchOptions, E2E_BASE_URL } from './browser.ts';
import { openApp } from './first-run.ts';

/**
 * The checks Chromium (and Lighthouse) make before offering to install a web app: a linked,
 * valid manifest with name, short name, start URL, standalone display and 192 px and 512 px
 * icons (one maskable) that really are PNGs of those sizes; a service worker with a fetch
 * handler controlling the page; a secure context (localhost counts). Chromium's own verdict,
 * Page.getInstallabilityErrors, must be empty.
 */
interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

interface Manifest {
  name?: string;
  short_name?: string;
  start_url?: string;
  display?: string;
  icons?: ManifestIcon[];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk, which always comes first. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function waitForControllingServiceWorker(page: Page): Promise<void> {
  await openApp(page);
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
  // The first visit installs the worker; from the next load on, it controls the page.
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none')).toBe('activated');
}

test('Chromium finds the app installable (manifest, icons, service worker, secure context) and the Install button appears', async () => {
  // A profile on disk: Chromium never offers installation in an incognito-like context.
  const profile = mkdtempSync(path.join(os.tmpdir(), 'crydecode-install-'));
  let context: BrowserContext | null = null;
  try {
    // Without a history of visits, Chromium would hold its install offer back.
    context = await chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions(['--bypass-app-banner-engagement-checks']), baseURL: E2E_BASE_URL });
    const page = context.pages()[0] ?? (await context.newPage());
    await checkInstallable(page, context);

    // Chromium offers installation (beforeinstallprompt): the app shows its own Install button,
    // which hands the offer back to the browser's dialog and goes away (an offer works once).
    const install = page.getByTestId('install-button');
    await expect(install).toBeVisible({ timeout: 15_000 });
    await install.click();
    await expect(install).toHaveCount(0);
  } finally {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

async function checkInstallable(page: Page, context: BrowserContext): Promise<void> {
  await waitForControllingServiceWorker(page);
  expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  expect(new URL(page.url()).hostname).toBe('localhost');

  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifestHref).toBeTruthy();
  const manifestUrl = new URL(manifestHref ?? '', page.url());
  const manifest = (await (await page.request.get(manifestUrl.href)).json()) as Manifest;
  expect(manifest.name).toBe('CryDecode');
  expect(manifest.short_name).toBeTruthy();
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');

  const pngIcons = (manifest.icons ?? []).filter((icon) => icon.type === 'image/png');
  for (const size of [192, 512]) expect(pngIcons.some((icon) => icon.sizes === `${size}x${size}`)).toBe(true);
  expect(pngIcons.some((icon) => icon.purpose?.split(' ').includes('maskable') && icon.sizes === '512x512')).toBe(true);
  for (const icon of pngIcons) {
    const response = await page.request.get(new URL(icon.src, manifestUrl).href);
    expect(response.ok()).toBe(true);
    const { width, height } = pngSize(await response.body());
    expect(`${width}x${height}`).toBe(icon.sizes);
  }

  const cdp = await context.newCDPSession(page);
  const parsed = await cdp.send('Page.getAppManifest');
  expect(parsed.errors).toEqual([]);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
}
