import { existsSync } from 'node:fs';
import { chromiumLaunchOptions } from './browser.ts';

/** Fails early, with the fix, when the browser the tests need is not installed. */
export default function checkChromium(): void {
  const path = chromiumLaunchOptions([]).executablePath;
  if (!path || !existsSync(path)) {
    throw new Error(`Chromium was not found at ${path ?? '(unset)'}. Install it with "sudo apt-get install -y chromium", or point CHROMIUM_PATH at a Chromium binary.`);
  }
}
