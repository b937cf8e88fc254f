import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SECURITY_HEADERS } from '../../scripts/build/content-security-policy.ts';

/**
 * Two deployments of the same app for the update test, without a second build: version 1 is a
 * copy of the production build under test; version 2 is that copy with a changed index.html
 * and, as a real deploy would have it, the matching new revision in the service worker's
 * precache manifest, so the browser sees a new service worker. The shipped bundle is untouched.
 */

/** The production build the e2e server serves (E2E_DIST_DIR, as in playwright.config.ts). */
export function builtAppDir(): string {
  return path.resolve(import.meta.dirname, '../..', process.env.E2E_DIST_DIR ?? 'dist');
}

/** The marker version 2's index.html carries, so a test can tell which version a page runs. */
export const VERSION_META_NAME = 'crydecode-test-deploy';

export interface AppVersions {
  v1: string;
  v2: string;
  /** Deletes both copies. */
  remove(): void;
}

export function makeAppVersions(): AppVersions {
  const root = mkdtempSync(path.join(os.tmpdir(), 'crydecode-versions-'));
  const v1 = path.join(root, 'v1');
  const v2 = path.join(root, 'v2');
  cpSync(builtAppDir(), v1, { recursive: true });
  cpSync(v1, v2, { recursive: true });

  const indexFile = path.join(v2, 'index.html');
  const index = readFileSync(indexFile, 'utf8').replace('<title>', `<meta name="${VERSION_META_NAME}" content="v2" />\n    <title>`);
  if (!index.includes(VERSION_META_NAME)) throw new Error('app versions: no <title> in the built index.html');
  writeFileSync(indexFile, index);
  const swFile = path.join(v2, 'sw.js');
  const sw = readFileSync(swFile, 'utf8');
  const revision = createHash('md5').update(index).digest('hex');
  const newSw = sw.replace(/(\{url:"index\.html",revision:")[0-9a-f]+(")/, `$1${revision}$2`);
  if (newSw === sw) throw new Error('app versions: the precache entry of index.html was not found in sw.js');
  writeFileSync(swFile, newSw);
  return { v1, v2, remove: () => rmSync(root, { recursive: true, force: true }) };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown',
};

/** A static server on a free localhost port whose folder can be swapped, as a deploy does. */
export interface SwitchableServer {
  readonly origin: string;
  serve(folder: string): void;
  close(): Promise<void>;
}

export async function startSwitchableServer(folder: string): Promise<SwitchableServer> {
  let current = folder;
  const server = http.createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const relative = urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath;
    const file = path.join(current, path.normalize(relative));
    if (!file.startsWith(current + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      response.writeHead(404, SECURITY_HEADERS).end();
      return;
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    serve: (next) => {
      current = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
