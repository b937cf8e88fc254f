/**
 * The app's Content-Security-Policy, in one place: vite.config.ts puts it in the built
 * index.html as a <meta> (static hosting has no headers) and sends it as a response header from
 * `vite preview`; the end-to-end tests serve the same policy.
 *
 * Only the app's own origin may run code, be fetched or be connected to. The exceptions, and why:
 * - 'wasm-unsafe-eval': compiling WebAssembly (TensorFlow.js wasm backend, MediaPipe) needs it;
 *   it allows no JavaScript eval.
 * - blob: and data: images: camera frames and inlined icons drawn by the page.
 * - blob: media: the clip a parent picks to analyse is played from an object URL.
 * - blob: workers: each worker starts as a one-line blob: module importing its same-origin script,
 *   because only such a worker inherits this policy; a worker loaded from a URL obeys its own
 *   response headers alone, which a plain static host does not send (src/capture/start-worker.ts).
 * No inline script is allowed anywhere; inline style attributes are not either.
 */

/** Directives that work in a <meta> element and in a header. */
const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['worker-src', "'self' blob:"],
  ['connect-src', "'self'"],
  ['img-src', "'self' blob: data:"],
  ['media-src', "'self' blob:"],
  ['style-src', "'self'"],
  ['font-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
];

/** Browsers ignore these in a <meta> policy (and warn), so they go in the header only. */
const HEADER_ONLY_DIRECTIVES: readonly (readonly [string, string])[] = [['frame-ancestors', "'none'"]];

function serialize(directives: readonly (readonly [string, string])[]): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The policy for `<meta http-equiv="Content-Security-Policy">`. */
export const CSP_META_POLICY = serialize(DIRECTIVES);

/** The policy for the `Content-Security-Policy` response header. */
export const CSP_HEADER_POLICY = serialize([...DIRECTIVES, ...HEADER_ONLY_DIRECTIVES]);

/** Headers every response of a CryDecode server should carry. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP_HEADER_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The meta tag injected at the top of <head> in the built index.html. */
export function cspMetaTag(): { tag: 'meta'; attrs: Record<string, string>; injectTo: 'head-prepend' } {
  return { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META_POLICY }, injectTo: 'head-prepend' };
}
