import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squareCropAround } from '../../src/features/face-crop.ts';
import { faceTrunkFromModel, loadNeedHeadIfInstalled } from '../../src/models/vision/face-models.ts';
import { normalizeTrunkPixels, TRUNK_INPUT_SIZE_PX } from '../../src/models/vision/face-trunk.ts';
import { loadModelFromDir, saveModel } from './model-files.ts';
import { cropSquare, plainCrop, readImageFile } from './rgb-image.ts';
import { writeSyntheticFaceFolder } from './synthetic-face-folder.ts';
import { initTfNode, tf } from './tf-node.ts';
import { DEFAULT_TRAIN_OPTIONS, embedImages, parseGroupsFile, readGroups, scanFaceFolder, trainNeedHead } from './vision-need-head.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PORTRAIT = path.join(ROOT, 'tests/fixtures/astronaut.png');
const box = (JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/astronaut-face-box.json'), 'utf8')) as { face: { x: number; y: number; width: number; height: number } }).face;
const faceSquare = squareCropAround(box, 512, 512);

/** Serves `dir` over HTTP on 127.0.0.1, as the app's origin would. */
function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })));
}

describe('parseGroupsFile', () => {
  it('reads path,group lines and skips the header, blanks and comments', () => {
    const groups = parseGroupsFile('path,group\n# note\n\nhunger/a.png,baby1\r\npain\\b.jpg , baby2\n');
    expect([...groups]).toEqual([['hunger/a.png', 'baby1'], ['pain/b.jpg', 'baby2']]);
  });
  it('names the bad line', () => {
    expect(() => parseGroupsFile('hunger/a.png\n')).toThrow(/line 1/);
  });
});

describe('scanFaceFolder', () => {
  it('explains a missing folder and a folder with one need only', () => {
    expect(() => scanFaceFolder('/nonexistent/faces', null)).toThrow(/does not exist/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'faces-one-'));
    writeSyntheticFaceFolder(dir, PORTRAIT, faceSquare, 1, 1);
    for (const need of ['pain', 'discomfort', 'tired']) rmSync(path.join(dir, need), { recursive: true });
    expect(() => scanFaceFolder(dir, null)).toThrow(/at least two/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('vision need head, trained on a generated folder', () => {
  let work: string;
  beforeAll(async () => {
    await initTfNode();
    work = mkdtempSync(path.join(os.tmpdir(), 'need-head-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('learns, checkpoints, and is then loaded by the app code to give non-null need probabilities', async () => {
    const data = path.join(work, 'faces');
    const groupsFile = writeSyntheticFaceFolder(data, PORTRAIT, faceSquare, 6, 2);
    const { items } = scanFaceFolder(data, readGroups(groupsFile));
    expect(items).toHaveLength(48);
    const trunkModel = await loadModelFromDir(path.join(ROOT, 'public/models/vision'));
    const options = { ...DEFAULT_TRAIN_OPTIONS, augmentedCopies: 2, maxEpochs: 40, patience: 8, learningRate: 3e-3 };
    const embeddings = embedImages(data, items, trunkModel, options.augmentedCopies, options.seed);
    const checkpoint = path.join(work, 'checkpoint');
    const trained = await trainNeedHead(items, embeddings, options, checkpoint);
    expect(existsSync(path.join(checkpoint, 'model.json'))).toBe(true);
    // Held-out babies, tint-coded needs: well above the 0.25 of chance.
    expect(trained.validation.balancedAccuracy).toBeGreaterThan(0.6);
    expect(trained.validationGroups + trained.trainGroups).toBe(6);

    const site = path.join(work, 'site');
    await saveModel(trained.model, path.join(site, 'models/vision/need-head'), { convertedBy: 'test' });
    trained.model.dispose();
    const { server, url } = await serve(site);
    try {
      expect(await loadNeedHeadIfInstalled(new URL('models/vision/no-head-here/', url).href)).toBeNull();
      const head = await loadNeedHeadIfInstalled(new URL('models/vision/need-head/', url).href);
      if (head === null) throw new Error('the trained head was not found');
      const portrait = readImageFile(PORTRAIT);
      const crop = cropSquare(portrait, plainCrop(faceSquare.x, faceSquare.y, faceSquare.side), TRUNK_INPUT_SIZE_PX);
      const before = tf.memory().numTensors;
      const { embedding } = faceTrunkFromModel(trunkModel).run(normalizeTrunkPixels(crop.data, 3));
      const needs = head.predict(embedding);
      expect(tf.memory().numTensors).toBe(before);
      expect(needs).toHaveLength(4);
      expect(needs.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
      head.dispose();
    } finally {
      server.close();
      trunkModel.dispose();
    }
  }, 120_000);
});
