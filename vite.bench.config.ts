import { defineConfig } from 'vite';
import { mediapipeWasm } from './scripts/build/vite-plugin-mediapipe-wasm.ts';

// The benchmark page: built apart from the app so it never ships to parents, but served with the
// same models (public/) and MediaPipe wasm as the app.
export default defineConfig({
  root: 'bench',
  publicDir: '../public',
  plugins: [mediapipeWasm()],
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: '../dist-bench', emptyOutDir: true, chunkSizeWarningLimit: 4096 },
});
