/**
 * `node --import tsx scripts/make-face-set.ts --out DIR`: writes rotated and scaled copies of the
 * public-domain astronaut portrait on a grey 640×480 frame, as a cot camera might see a face:
 * every 15° of roll, at several sizes and places, and `faces.json` with where the face is in each
 * (from the fixture's recorded face box), so `npm run evaluate:faces` can tell a face found from
 * a box on the wrong thing. Generated, never committed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { encodePng, readImageFile, type RgbImage } from './lib/rgb-image.ts';
import type { PixelBox } from '../src/features/face-crop.ts';

const SOURCE = 'tests/fixtures/astronaut.png';
const SOURCE_FACE_BOX = 'tests/fixtures/astronaut-face-box.json';

const FRAME_WIDTH_PX = 640;
const FRAME_HEIGHT_PX = 480;
const GREY = 128;
const ROLLS_DEGREES = Array.from({ length: 24 }, (_, i) => i * 15);
/** Portrait side as a fraction of the frame height: close to the lens down to far in the cot. */
const SCALES = [1, 0.6, 0.35, 0.22];

/** `source` scaled to `sidePx`, turned by `rollDegrees` (clockwise) about its centre, centred at (cx, cy). */
export function placeRotated(source: RgbImage, sidePx: number, rollDegrees: number, cx: number, cy: number): RgbImage {
  const data = new Uint8ClampedArray(FRAME_WIDTH_PX * FRAME_HEIGHT_PX * 3).fill(GREY);
  const scale = source.width / sidePx;
  const cos = Math.cos((-rollDegrees * Math.PI) / 180);
  const sin = Math.sin((-rollDegrees * Math.PI) / 180);
  for (let y = 0; y < FRAME_HEIGHT_PX; y++) {
    for (let x = 0; x < FRAME_WIDTH_PX; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const sx = (dx * cos - dy * sin) * scale + source.width / 2;
      const sy = (dx * sin + dy * cos) * scale + source.height / 2;
      if (sx < 0 || sy < 0 || sx >= source.width - 1 || sy >= source.height - 1) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const at = (xx: number, yy: number): number => source.data[(yy * source.width + xx) * 3 + c] ?? 0;
        data[(y * FRAME_WIDTH_PX + x) * 3 + c] = (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
      }
    }
  }
  return { width: FRAME_WIDTH_PX, height: FRAME_HEIGHT_PX, data };
}

/** Where the portrait's face box lands once the portrait is scaled to `sidePx`, turned and centred at (cx, cy). */
export function placedFace(face: PixelBox, sourceSidePx: number, sidePx: number, rollDegrees: number, cx: number, cy: number): PixelBox {
  const k = sidePx / sourceSidePx;
  const u = (face.x + face.width / 2 - sourceSidePx / 2) * k;
  const v = (face.y + face.height / 2 - sourceSidePx / 2) * k;
  const t = (rollDegrees * Math.PI) / 180;
  const side = Math.max(face.width, face.height) * k;
  const centreX = cx + u * Math.cos(t) - v * Math.sin(t);
  const centreY = cy + u * Math.sin(t) + v * Math.cos(t);
  return { x: Math.round(centreX - side / 2), y: Math.round(centreY - side / 2), width: Math.round(side), height: Math.round(side) };
}

function main(): void {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (values.out === undefined) throw new Error('Usage: make-face-set.ts --out DIR');
  const source = readImageFile(SOURCE);
  const sourceFace = (JSON.parse(readFileSync(SOURCE_FACE_BOX, 'utf8')) as { face: PixelBox }).face;
  mkdirSync(values.out, { recursive: true });
  const faces: Record<string, PixelBox> = {};
  let written = 0;
  for (const scale of SCALES) {
    const side = Math.round(FRAME_HEIGHT_PX * scale);
    // Small portraits go off centre, where a baby in a cot often lies.
    const cx = scale < 0.5 ? FRAME_WIDTH_PX * 0.3 : FRAME_WIDTH_PX / 2;
    const cy = scale < 0.5 ? FRAME_HEIGHT_PX * 0.65 : FRAME_HEIGHT_PX / 2;
    for (const roll of ROLLS_DEGREES) {
      const name = `astronaut-scale${Math.round(scale * 100)}-roll${String(roll).padStart(3, '0')}.png`;
      writeFileSync(path.join(values.out, name), encodePng(placeRotated(source, side, roll, cx, cy)));
      faces[name] = placedFace(sourceFace, source.width, side, roll, cx, cy);
      written++;
    }
  }
  writeFileSync(path.join(values.out, 'faces.json'), `${JSON.stringify(faces, null, 1)}\n`);
  console.log(`Wrote ${written} pictures to ${values.out}`);
}

main();
