/**
 * Serves zxing-wasm's QR reader wasm from the app's own origin, under zxing/: zxing-wasm fetches
 * it from a CDN unless told otherwise (src/link/qr.ts points it here). Copied from node_modules
 * into the build output (and so precached with the other wasm), served straight from
 * node_modules by the dev server, as scripts/build/vite-plugin-mediapipe-wasm.ts does for MediaPipe.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
export const ZXING_WASM_FILE = 'zxing_reader.wasm';
export const ZXING_URL_DIR = 'zxing';

function sourcePath(): string {
  // The reader entry is dist/es/reader/index.js; its wasm is dist/reader/zxing_reader.wasm.
  return path.join(path.dirname(require.resolve('zxing-wasm/reader')), '../../reader', ZXING_WASM_FILE);
}

export function zxingWasm(): Plugin {
  return {
    name: 'crydecode-zxing-wasm',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0]?.endsWith(`/${ZXING_URL_DIR}/${ZXING_WASM_FILE}`) !== true) {
          next();
          return;
        }
        res.setHeader('Content-Type', 'application/wasm');
        res.end(readFileSync(sourcePath()));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: `${ZXING_URL_DIR}/${ZXING_WASM_FILE}`, source: readFileSync(sourcePath()) });
    },
  };
}
