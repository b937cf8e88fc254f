/**
 * A small generated training folder for tests of the vision need head: crops of the public-domain
 * astronaut portrait, tinted per need (so a head has something real to learn) and shifted per
 * "baby" group. It proves the pipeline works; it says nothing about real faces or needs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NEEDS, type Need } from '../../src/domain/needs.ts';
import { cropSquare, encodePng, plainCrop, readImageFile, type RgbImage } from './rgb-image.ts';

/** Per-need RGB gain: the signal the test head must pick up. */
const TINT: Readonly<Record<Need, readonly [number, number, number]>> = {
  discomfort: [0.8, 1.3, 0.8],
  hunger: [1.3, 0.8, 0.8],
  pain: [0.8, 0.8, 1.3],
  tired: [0.55, 0.55, 0.55],
};
const IMAGE_PX = 112;

function tinted(image: RgbImage, gain: readonly [number, number, number]): RgbImage {
  const data = image.data.map((v, i) => v * (gain[i % 3] ?? 1));
  return { ...image, data };
}

/**
 * Writes `groups` babies × `perNeed` images per need into dir/<need>/ and a groups file;
 * returns the groups file path. `face` is the face square in the source portrait.
 */
export function writeSyntheticFaceFolder(
  dir: string,
  portraitPng: string,
  face: { x: number; y: number; side: number },
  groups: number,
  perNeed: number,
): string {
  const portrait = readImageFile(portraitPng);
  const lines = ['path,group'];
  for (const need of NEEDS) mkdirSync(path.join(dir, need), { recursive: true });
  for (let g = 0; g < groups; g++) {
    for (const need of NEEDS) {
      for (let k = 0; k < perNeed; k++) {
        const shift = (g - groups / 2) * 3 + k * 2;
        const side = face.side * (1 + 0.04 * ((g + k) % 3));
        const crop = cropSquare(portrait, plainCrop(face.x + shift, face.y - shift / 2, side), IMAGE_PX);
        const name = `baby${g}-${k}.png`;
        writeFileSync(path.join(dir, need, name), encodePng(tinted(crop, TINT[need])));
        lines.push(`${need}/${name},baby${g}`);
      }
    }
  }
  const groupsFile = path.join(dir, 'groups.csv');
  writeFileSync(groupsFile, lines.join('\n') + '\n');
  return groupsFile;
}
