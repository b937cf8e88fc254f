import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for "the internet": Chromium is told to send every non-loopback request through this
 * proxy, which records it and refuses it. It sees what no page-level hook can (the service
 * worker, workers, the browser on the app's behalf), so an empty record means nothing left.
 */
/**
 * Hosts headless Chromium contacts on its own, with about:blank open and no app at all
 * (component updates, sign-in, autofill, clock checks, the push-messaging check-in that CI saw on
 * 2026-12-02), despite --disable-background-networking.
 * They are the browser's, not the app's; a request the app itself made to one of them would
 * still show in the page and context request records, which allow nothing off-origin.
 */
export const CHROMIUM_OWN_HOSTS: readonly string[] = [
  'update.googleapis.com',
  'accounts.google.com',
  'content-autofill.googleapis.com',
  'clients2.google.com',
  'optimizationguide-pa.googleapis.com',
  'android.clients.google.com',
  'mtalk.google.com',
];

function hostOf(target: string): string {
  // CONNECT targets are "host:port"; plain proxied requests carry an absolute URL.
  return /^[a-z]+:\/\//i.test(target) ? new URL(target).hostname : (target.split(':')[0] ?? target);
}

export interface RecordingProxy {
  /** "METHOD target" of every request that reached the proxy. */
  readonly seen: readonly string[];
  /** What reached the proxy, less the browser's own traffic to CHROMIUM_OWN_HOSTS. */
  notFromBrowser(): string[];
  /** Chromium flags that route all but loopback traffic through the proxy. */
  readonly chromiumArgs: readonly string[];
  close(): Promise<void>;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    seen.push(`${request.method ?? '?'} ${request.url ?? '?'}`);
    response.writeHead(403).end();
  });
  server.on('connect', (request, socket) => {
    seen.push(`CONNECT ${request.url ?? '?'}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    seen,
    notFromBrowser: () => seen.filter((entry) => !CHROMIUM_OWN_HOSTS.includes(hostOf(entry.split(' ')[1] ?? ''))),
    chromiumArgs: [`--proxy-server=http://127.0.0.1:${port}`],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
