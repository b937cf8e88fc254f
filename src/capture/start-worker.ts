/**
 * Starts the app's workers so that the page's Content-Security-Policy binds them too, with or
 * without a server header.
 *
 * A dedicated worker loaded from a URL takes its policy from that script's own response headers
 * only: the <meta> policy of index.html does not reach it, so on a plain static host (no headers)
 * a worker could fetch any site. A worker whose script is a blob: URL instead inherits the policy
 * of the document that created it, meta and header alike (CSP 3, "initialize a global object's
 * CSP list"; Chromium does this, as verified by tests/e2e/csp-static-host.spec.ts). So each
 * worker starts as a one-line blob module that imports the real, same-origin worker script:
 * everything that script does then runs under the page's policy. It needs `worker-src blob:`
 * in the policy, and nothing else: the imported script is still checked against script-src.
 *
 * What changes inside the worker: `self.location` is the blob: URL, so a relative URL cannot be
 * resolved against it. The worker code resolves against `import.meta.url` or the absolute base
 * URLs it is sent (see src/models/tf-backend.ts).
 */

/** Starts the module worker at `scriptUrl` (as Vite gives it, `?worker&url`) under the page's policy. */
export function startModuleWorker(scriptUrl: string, name: string): Worker {
  const absolute = new URL(scriptUrl, document.baseURI).href;
  // A static import: a script that fails to load or parse fires `error` on the Worker, as before.
  const wrapper = new Blob([`import ${JSON.stringify(absolute)};\n`], { type: 'text/javascript' });
  const blobUrl = URL.createObjectURL(wrapper);
  try {
    return new Worker(blobUrl, { type: 'module', name });
  } finally {
    // The Worker holds on to the blob once constructed; the URL itself is not needed any more.
    URL.revokeObjectURL(blobUrl);
  }
}
