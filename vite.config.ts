import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { mediapipeWasm } from './scripts/build/vite-plugin-mediapipe-wasm.ts';
import { zxingWasm } from './scripts/build/vite-plugin-zxing-wasm.ts';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicyMeta } from './scripts/build/vite-plugin-csp.ts';
import { SECURITY_HEADERS } from './scripts/build/content-security-policy.ts';
import { sharedTfjs } from './scripts/build/vite-plugin-shared-tfjs.ts';

/** Largest file the service worker precaches, in bytes: the MediaPipe wasm is about 11 MB. */
const MAX_PRECACHED_FILE_BYTES = 32 * 1024 * 1024;

/** TF.js built once and imported by every worker (and the page, should it ever need it). */
const tfjs = sharedTfjs();

// Workers are ES modules so they can share the typed protocol and the pure DSP code.
export default defineConfig({
  plugins: [
    svelte(),
    tfjs.page,
    mediapipeWasm(),
    zxingWasm(),
    contentSecurityPolicyMeta(),
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
        navigateFallback: 'index.html',
        // The first worker takes charge of the page it was installed from, so an update found
        // later in that same visit can take over (and reload) when the user taps Reload.
        clientsClaim: true,
      },
    }),
  ],
  worker: { format: 'es', plugins: () => [tfjs.worker()] },
  build: { target: 'es2022', sourcemap: true },
  server: { port: 5173, strictPort: true },
  // The same policy as the <meta> in index.html, plus what only a header can say (frame-ancestors).
  preview: { port: 4173, strictPort: true, headers: { ...SECURITY_HEADERS } },
});
