/**
 * Serves MediaPipe's vision wasm from the app's own origin, under mediapipe/, without
 * committing 11 MB of binaries: copied from node_modules into the build output, and served
 * straight from node_modules by the dev server. Only the ES-module SIMD variant is needed
 * (see src/models/vision/mediapipe-face-detector.ts for why).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const WASM_FILES = ['vision_wasm_module_internal.js', 'vision_wasm_module_internal.wasm'] as const;
const URL_DIR = 'mediapipe';

function sourcePath(file: string): string {
  return path.join(path.dirname(require.resolve('@mediapipe/tasks-vision')), 'wasm', file);
}

function contentType(file: string): string {
  return file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
}

export function mediapipeWasm(): Plugin {
  return {
    name: 'crydecode-mediapipe-wasm',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const file = WASM_FILES.find((f) => req.url?.split('?')[0]?.endsWith(`/${URL_DIR}/${f}`));
        if (file === undefined) {
          next();
          return;
        }
        res.setHeader('Content-Type', contentType(file));
        res.end(readFileSync(sourcePath(file)));
      });
    },
    generateBundle() {
      for (const file of WASM_FILES) {
        this.emitFile({ type: 'asset', fileName: `${URL_DIR}/${file}`, source: readFileSync(sourcePath(file)) });
      }
    },
  };
}
