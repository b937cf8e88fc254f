import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { mediapipeWasm } from './scripts/build/vite-plugin-mediapipe-wasm.ts';
import { zxingWasm } from './scripts/build/vite-plugin-zxing-wasm.ts';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicyMeta } from './scripts/build/vite-plugin-csp.ts';
import { SECURITY_HEADERS } from './scripts/build/content-security-policy.ts';
import { sharedTfjs } from './scripts/build/vite-plugin-shared-tfjs.ts';
import { precacheSummary } from './scripts/build/vite-plugin-precache-summary.ts';

/** Largest file the service worker precaches, in bytes: the MediaPipe wasm is about 11 MB. */
const MAX_PRECACHED_FILE_BYTES = 32 * 1024 * 1024;

/** TF.js built once and imported by every worker (and the page, should it ever need it). */
const tfjs = sharedTfjs();

/** What the first visit downloads to work offline, written for the page to show during the install. */
const precache = precacheSummary();

/**
 * Rolldown's "[PLUGIN_TIMINGS] JavaScript callbacks ran for 16.5s…" after every build (and each
 * worker build) is a profiling hint, not a problem: on a slow machine Workbox's precache step and
 * the Svelte compiler are most of the build time, as expected. Off, so a real warning stands out.
 */
const QUIET_CHECKS = { bundlerTimings: false } as const;

/**
 * The audio and recording workers both load the model code on demand, and Vite bundles each
 * worker on its own, so the same chunk (audio-tf-backend-<hash>.js) is emitted twice. Its code is
 * byte-identical (the hash is of the code); only its source map may differ in a detail, and
 * Rolldown says that the second map "overwrites a previously emitted file". Harmless: the map
 * kept belongs to the same code. Only that notice, for a map, is dropped.
 */
function dropDuplicateWorkerMapNotice(level: string, log: { code?: string; message: string }, handler: (level: 'warn' | 'info' | 'debug', log: { code?: string; message: string }) => void): void {
  if (log.code === 'FILE_NAME_CONFLICT' && /\.js\.map" overwrites a previously emitted file/.test(log.message)) return;
  handler(level as 'warn' | 'info' | 'debug', log);
}

// Workers are ES modules so they can share the typed protocol and the pure DSP code.
export default defineConfig({
  plugins: [
    svelte(),
    tfjs.page,
    mediapipeWasm(),
    zxingWasm(),
    contentSecurityPolicyMeta(),
    precache.plugin,
    // Installable and offline: every file the app needs, models and wasm included, is precached;
    // an update waits for the user's word ("prompt") instead of reloading under a listening parent.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'CryDecode',
        short_name: 'CryDecode',
        description: 'Tells whether your baby is crying and what may help. Private: nothing leaves the device.',
        theme_color: '#0f1419',
        background_color: '#0f1419',
        display: 'standalone',
        orientation: 'portrait',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // md: the model cards, linked from Settings → About & accuracy, readable offline.
        globPatterns: ['**/*.{js,css,html,svg,png,json,bin,wasm,tflite,webmanifest,md}'],
        maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE_BYTES,
        manifestTransforms: [precache.transform],
        // Ends a precache download that stops sending, so a stalled install fails and is retried.
        importScripts: ['sw-stall-guard.js'],
        navigateFallback: 'index.html',
        // The first worker takes charge of the page it was installed from, so an update found
        // later in that same visit can take over (and reload) when the user taps Reload.
        clientsClaim: true,
      },
    }),
  ],
  worker: { format: 'es', plugins: () => [tfjs.worker()], rolldownOptions: { checks: QUIET_CHECKS } },
  build: { target: 'es2022', sourcemap: true, rolldownOptions: { checks: QUIET_CHECKS, onLog: dropDuplicateWorkerMapNotice } },
  server: { port: 5173, strictPort: true },
  // The same policy as the <meta> in index.html, plus what only a header can say (frame-ancestors).
  preview: { port: 4173, strictPort: true, headers: { ...SECURITY_HEADERS } },
});
