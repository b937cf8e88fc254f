/**
 * Writes dist/precache-summary.json: how many files the service worker precaches and their size,
 * i.e. what the first visit downloads to work offline. The page shows it while the install runs
 * (src/ui/offline-state.svelte.ts). Workbox knows the sizes only when it builds its manifest,
 * after the bundle is written, so the file is written from its manifest transform.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

export const PRECACHE_SUMMARY_FILE = 'precache-summary.json';

/** The shape of a Workbox manifest entry the transform sees (workbox-build's ManifestEntry plus size). */
interface SizedEntry {
  url: string;
  revision: string | null;
  size: number;
}

export function precacheSummary(): {
  plugin: Plugin;
  transform: (entries: SizedEntry[]) => { manifest: SizedEntry[]; warnings: string[] };
} {
  let outDir: string | null = null;
  return {
    plugin: {
      name: 'crydecode-precache-summary',
      apply: 'build',
      configResolved(config) {
        outDir = path.resolve(config.root, config.build.outDir);
      },
    },
    transform(entries) {
      if (outDir !== null) {
        const bytes = entries.reduce((sum, entry) => sum + entry.size, 0);
        writeFileSync(path.join(outDir, PRECACHE_SUMMARY_FILE), `${JSON.stringify({ files: entries.length, bytes })}\n`);
      }
      return { manifest: entries, warnings: [] };
    },
  };
}
