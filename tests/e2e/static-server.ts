import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * The plainest static host: files from a folder with a Content-Type and nothing else, no
 * Content-Security-Policy or any other header a CDN or `python3 -m http.server` would not send.
 * Listens on 127.0.0.1 (a secure context, so the microphone and service workers work) on a port
 * the system picks, so it never clashes with another run.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly origin: string;
  close(): Promise<void>;
}

/** A request the server received: its path (with the query) and what it answered. */
export interface ServedRequest {
  url: string;
  status: number;
}

/**
 * Serves `root`. `intercept` may answer a request itself (return true) instead: the tests use it
 * to stall or break one file the way a bad network would.
 */
export async function startStaticServer(
  root: string,
  options: { intercept?: (request: IncomingMessage, response: ServerResponse) => boolean; log?: ServedRequest[] } = {},
): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (options.intercept?.(request, response) === true) {
      options.log?.push({ url, status: -1 });
      return;
    }
    const pathname = decodeURIComponent(url.split('?')[0] ?? '/');
    let file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(root)) file = path.join(root, 'index.html');
    let size: number;
    try {
      const stats = statSync(file);
      if (!stats.isFile()) throw new Error('not a file');
      size = stats.size;
    } catch {
      options.log?.push({ url, status: 404 });
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
      return;
    }
    options.log?.push({ url, status: 200 });
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': String(size) });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The built app's folder, as the e2e web server serves it. */
export function distDir(): string {
  return path.resolve(process.env.E2E_DIST_DIR ?? 'dist');
}
