import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { readImageFile } from '../../scripts/lib/rgb-image.ts';
import { fixturePath } from './browser.ts';
import { pasteOnto, solidImage, writeStillY4m } from './y4m.ts';

/**
 * Fake-camera videos for the camera tests, made at test time from tests/fixtures/astronaut.png
 * (NASA, public domain) and from a blank grey picture, so no video is committed.
 */
export const FRAME_WIDTH_PX = 640;
export const FRAME_HEIGHT_PX = 480;
/** Where the 512 px portrait sits in the 640×480 frame (its bottom 32 rows are cut). */
export const PORTRAIT_LEFT_PX = 64;
const VIDEO_FRAMES = 2;
const VIDEO_FPS = 10;
const GREY: readonly [number, number, number] = [128, 128, 128];

export function makeAstronautVideo(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'crydecode-video-')), 'astronaut.y4m');
  const portrait = readImageFile(fixturePath('astronaut.png'));
  writeStillY4m(file, pasteOnto(portrait, FRAME_WIDTH_PX, FRAME_HEIGHT_PX, PORTRAIT_LEFT_PX, 0, GREY), VIDEO_FRAMES, VIDEO_FPS);
  return file;
}

export function makeBlankVideo(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'crydecode-video-')), 'blank.y4m');
  writeStillY4m(file, solidImage(FRAME_WIDTH_PX, FRAME_HEIGHT_PX, GREY), VIDEO_FRAMES, VIDEO_FPS);
  return file;
}

/** Chromium flags for a camera that plays `video` and a permission prompt that says yes. */
export const fakeCameraArgs = (video: string): string[] => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${video}`,
];

/** Records every request the page makes, so a test can prove none leaves the app's origin. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** Requests that went anywhere but `origin` (data: and blob: URLs stay on the device). */
export function offOrigin(urls: readonly string[], origin: string): string[] {
  return urls.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
}
