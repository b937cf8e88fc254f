import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { chromiumLaunchOptions, E2E_BASE_URL } from './browser.ts';

/**
 * A Chromium whose profile lives on a small filesystem of its own, so that IndexedDB meets a real
 * full disk (Chromium derives what a site may write from the free space under the profile).
 *
 * The filesystem is a tmpfs mounted in a private mount namespace (`unshare --user --map-root-user
 * --mount`): no root, sudo or FUSE needed where unprivileged user namespaces are on (Debian's
 * default), and root works too. It vanishes with the browser. Where neither works the test fails
 * with the reason: a full-disk test that quietly skipped would prove nothing.
 */
const CHROMIUM = chromiumLaunchOptions([]).executablePath ?? '/usr/bin/chromium';

const LAUNCHER = `#!/bin/sh
# Mounts a small tmpfs over the profile folder Playwright passes, then starts Chromium on it.
set -eu
dir=""
for arg in "$@"; do case "$arg" in --user-data-dir=*) dir="\${arg#--user-data-dir=}";; esac; done
[ -n "$dir" ] || { echo "small-disk launcher: no --user-data-dir" >&2; exit 90; }
exec unshare --user --map-root-user --mount sh -c 'mount -t tmpfs -o size="$1" tmpfs "$2" && shift 2 && exec "$0" "$@"' "$CHROMIUM_BINARY" "$SMALL_DISK_SIZE" "$dir" "$@"
`;

function checkCanMountSmallDisk(folder: string): void {
  try {
    execFileSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs "$0"', folder], { stdio: 'pipe' });
  } catch (error) {
    const detail = error instanceof Error && 'stderr' in error ? String(error.stderr).trim() : String(error);
    throw new Error(
      `This test needs a small filesystem for the browser profile and could not make one (${detail}). ` +
        'It mounts a tmpfs inside "unshare --user --map-root-user --mount": enable unprivileged user namespaces ' +
        '(sysctl kernel.unprivileged_userns_clone=1) or run the tests as root.',
      { cause: error },
    );
  }
}

export interface SmallDiskBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with its profile on a `sizeMb` MB filesystem; the service worker is blocked so its cache does not share the disk. */
export async function launchOnSmallDisk(sizeMb: number): Promise<SmallDiskBrowser> {
  const work = mkdtempSync(path.join(tmpdir(), 'crydecode-small-disk-'));
  const profile = path.join(work, 'profile');
  const launcher = path.join(work, 'chromium-on-small-disk.sh');
  writeFileSync(launcher, LAUNCHER);
  chmodSync(launcher, 0o755);
  execFileSync('mkdir', ['-p', profile]);
  checkCanMountSmallDisk(profile);
  const options = chromiumLaunchOptions([]);
  const context = await chromium.launchPersistentContext(profile, {
    ...options,
    executablePath: launcher,
    env: { ...process.env, CHROMIUM_BINARY: CHROMIUM, SMALL_DISK_SIZE: `${sizeMb}m` },
    baseURL: E2E_BASE_URL,
    serviceWorkers: 'block',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
