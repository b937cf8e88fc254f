/*
 * Imported first by the service worker (vite.config.ts: workbox.importScripts). Workbox's
 * precache downloads have no timeout, so one download that stops sending (seen: MediaPipe's
 * 11 MB wasm) would keep the first install, and "works offline", pending for as long as the
 * browser lets it, with nothing to tell. Here every fetch of the service worker is aborted once
 * it has received nothing for STALL_MS: the install then fails, the page says so and tries again
 * (src/ui/offline-state.svelte.ts). A slow download that keeps sending is never cut off.
 */
const STALL_MS = 20000;
const nativeFetch = self.fetch.bind(self);

self.fetch = async (input, init) => {
  const controller = new AbortController();
  const outer = (init && init.signal) || (input instanceof Request ? input.signal : undefined);
  if (outer) {
    if (outer.aborted) controller.abort(outer.reason);
    else outer.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
  }
  let timer;
  const rearm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no data for ${STALL_MS / 1000} s`)), STALL_MS);
  };
  rearm();
  let response;
  try {
    response = await nativeFetch(input, { ...init, signal: controller.signal });
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
  if (response.body === null) {
    clearTimeout(timer);
    return response;
  }
  rearm();
  const body = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, stream) {
        rearm();
        stream.enqueue(chunk);
      },
      flush() {
        clearTimeout(timer);
      },
    }),
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
};
