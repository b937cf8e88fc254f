/**
 * One copy of TensorFlow.js for all workers. Vite bundles each worker in a build of its own, so
 * a library two workers import is either inlined twice or split into chunks whose export lists
 * (and so content hashes) differ from worker to worker: tfjs shipped twice, 1.6 MB and again
 * inside the 2 MB vision worker. Here TF.js (with the wasm backend) is built once, as an ES
 * module with a content hash in its name, and every worker imports it as an external. Build
 * only: the dev server serves the packages straight from node_modules.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin, type Rolldown } from 'vite';

/** The bare imports that resolve to the shared bundle; sub-paths (the `?url` wasm files) do not. */
const SHARED_PACKAGES: ReadonlySet<string> = new Set(['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-core']);
const ENTRY = fileURLToPath(new URL('../../workers/tfjs-shared.ts', import.meta.url));
const BASENAME = 'tfjs';

interface SharedBundle {
  /** e.g. assets/tfjs-AbCd1234.js, next to the worker files that import it. */
  readonly fileName: string;
  readonly code: string;
  readonly map: string | undefined;
}

function isChunk(output: Rolldown.OutputChunk | Rolldown.OutputAsset): output is Rolldown.OutputChunk {
  return output.type === 'chunk';
}

async function buildShared(assetsDir: string, target: string | string[] | false, sourcemap: boolean): Promise<SharedBundle> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    // An app build (not library mode, which leaves whitespace in) so it is fully minified. The
    // @license headers stay, as they did when Vite inlined TF.js into each worker.
    build: {
      write: false,
      target,
      sourcemap,
      copyPublicDir: false,
      modulePreload: false,
      rolldownOptions: {
        input: ENTRY,
        checks: { bundlerTimings: false },
        preserveEntrySignatures: 'strict',
        output: { format: 'es', entryFileNames: `${BASENAME}.js`, comments: { legal: true } },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  const chunks = outputs.filter(isChunk);
  const [chunk] = chunks;
  // A second chunk would be a dynamic import inside TF.js that the workers could not find.
  if (chunk === undefined || chunks.length !== 1) throw new Error(`shared tfjs: expected one chunk, got ${chunks.length}`);
  const hash = createHash('sha256').update(chunk.code).digest('base64url').slice(0, 8);
  const fileName = path.posix.join(assetsDir, `${BASENAME}-${hash}.js`);
  const mapName = `${path.posix.basename(fileName)}.map`;
  const code = chunk.code.replace(/\/\/# sourceMappingURL=\S+\s*$/, sourcemap ? `//# sourceMappingURL=${mapName}\n` : '');
  return { fileName, code, map: chunk.map?.toString() };
}

/**
 * `page` goes in `plugins` (it builds the bundle and emits it into dist), `worker` in
 * `worker.plugins`; both turn TF.js imports into imports of that one file.
 */
export function sharedTfjs(): { page: Plugin; worker: () => Plugin } {
  let shared: Promise<SharedBundle> | undefined;
  const resolveId = async (source: string): Promise<{ id: string; external: true } | null> => {
    if (!SHARED_PACKAGES.has(source) || shared === undefined) return null;
    const bundle = await shared;
    // Workers and page chunks are emitted into the same folder, so a relative import finds it under any base.
    return { id: `./${path.posix.basename(bundle.fileName)}`, external: true };
  };
  const page: Plugin = {
    name: 'crydecode-shared-tfjs',
    apply: 'build',
    enforce: 'pre',
    resolveId,
    configResolved(config) {
      const sourcemap = config.build.sourcemap === true || config.build.sourcemap === 'hidden';
      shared = buildShared(config.build.assetsDir, config.build.target, sourcemap);
      // Kept from rejecting unobserved; the workers' resolveId and generateBundle await it.
      shared.catch(() => undefined);
    },
    async generateBundle() {
      if (shared === undefined) return;
      const bundle = await shared;
      this.emitFile({ type: 'asset', fileName: bundle.fileName, source: bundle.code });
      if (bundle.map !== undefined) this.emitFile({ type: 'asset', fileName: `${bundle.fileName}.map`, source: bundle.map });
    },
  };
  const worker = (): Plugin => ({
    name: 'crydecode-shared-tfjs-worker',
    apply: 'build',
    enforce: 'pre',
    resolveId,
  });
  return { page, worker };
}
