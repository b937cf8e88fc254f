import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { mediapipeWasm } from './scripts/vite-plugin-mediapipe-wasm.ts';

// Workers are ES modules so they can share the typed protocol and the pure DSP code.
export default defineConfig({
  plugins: [svelte(), mediapipeWasm()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
});
