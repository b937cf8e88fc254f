/**
 * A crude closed-eye picture made from an open-eyed one, for checking that the eye reading can
 * tell the difference at all: each eye's region painted over with the skin just below it (soft
 * edges), and a dark lash line drawn along a shallow downward arc from corner to corner, as a
 * closed lid looks from the front. It is not a real closed eye: see MODEL_CARD.md.
 */
import { readFileSync } from 'node:fs';
import type { RgbImage } from './rgb-image.ts';

export type Point = readonly [number, number];

export interface EyeCorners {
  /** Outer corner, inner corner, in pixels of the picture. */
  right: readonly [Point, Point];
  left: readonly [Point, Point];
}

/** The lash line's colour (a dark brown). */
const LASH_RGB = [70, 45, 40] as const;
/** The painted region's half-width and half-height over the eye's corner-to-corner width. */
const REGION_HALF_WIDTH = 0.75;
const REGION_HALF_HEIGHT = 0.42;

export function readEyeCorners(file: string): EyeCorners {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as EyeCorners;
  return { right: parsed.right, left: parsed.left };
}

function meanSkinBelow(image: RgbImage, cx: number, cy: number, width: number): [number, number, number] {
  const sum: [number, number, number] = [0, 0, 0];
  let n = 0;
  for (let y = Math.round(cy + width * 0.55); y < cy + width * 0.8; y++) {
    for (let x = Math.round(cx - width * 0.3); x < cx + width * 0.3; x++) {
      for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (image.data[(y * image.width + x) * 3 + c] ?? 0);
      n++;
    }
  }
  return [sum[0] / n, sum[1] / n, sum[2] / n];
}

function paintOne(data: Uint8ClampedArray, image: RgbImage, [outer, inner]: readonly [Point, Point], lashWidthFraction: number): void {
  const width = Math.hypot(inner[0] - outer[0], inner[1] - outer[1]);
  const cx = (outer[0] + inner[0]) / 2;
  const cy = (outer[1] + inner[1]) / 2;
  const angle = Math.atan2(inner[1] - outer[1], inner[0] - outer[0]);
  const a = width * REGION_HALF_WIDTH;
  const b = width * REGION_HALF_HEIGHT;
  const skin = meanSkinBelow(image, cx, cy, width);
  const lash = lashWidthFraction * width;
  for (let y = Math.max(0, Math.floor(cy - a)); y < Math.min(image.height, cy + a); y++) {
    for (let x = Math.max(0, Math.floor(cx - a)); x < Math.min(image.width, cx + a); x++) {
      const u = (x - cx) * Math.cos(angle) + (y - cy) * Math.sin(angle);
      const v = -(x - cx) * Math.sin(angle) + (y - cy) * Math.cos(angle);
      const r = (u / a) ** 2 + (v / b) ** 2;
      if (r > 1) continue;
      const alpha = Math.min(1, (1 - r) * 4);
      const arc = b * 0.25 * (1 - (u / (width / 2)) ** 2);
      const onLash = Math.abs(u) < width / 2 && Math.abs(v - arc) < lash / 2;
      for (let c = 0; c < 3; c++) {
        const i = (y * image.width + x) * 3 + c;
        const target = onLash ? LASH_RGB[c] : skin[c];
        data[i] = (data[i] ?? 0) * (1 - alpha) + (target ?? 0) * alpha;
      }
    }
  }
}

/** `image` with both eyes painted shut; `lashWidthFraction` is the lash line's thickness over the eye's width (0: no line). */
export function paintEyesShut(image: RgbImage, eyes: EyeCorners, lashWidthFraction: number): RgbImage {
  const data = Uint8ClampedArray.from(image.data);
  paintOne(data, image, eyes.right, lashWidthFraction);
  paintOne(data, image, eyes.left, lashWidthFraction);
  return { width: image.width, height: image.height, data };
}
