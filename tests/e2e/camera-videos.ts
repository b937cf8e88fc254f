import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { readImageFile } from '../../scripts/lib/rgb-image.ts';
import { paintEyesShut, readEyeCorners } from '../../scripts/lib/closed-eyes.ts';
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

/** The same portrait with both eyes painted shut (scripts/lib/closed-eyes.ts, lash line 0.08 × eye width). */
export function makeAstronautEyesShutVideo(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'crydecode-video-')), 'astronaut-eyes-shut.y4m');
  const portrait = paintEyesShut(readImageFile(fixturePath('astronaut.png')), readEyeCorners(fixturePath('astronaut-eyes.json')), 0.08);
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

/** Runs ffmpeg quietly; throws its last words when it fails. */
function ffmpeg(args: readonly string[]): void {
  try {
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`ffmpeg could not make a test video: ${stderr || String(error)}`, { cause: error });
  }
}

const tempVideo = (name: string): string => path.join(mkdtempSync(path.join(os.tmpdir(), 'crydecode-video-')), name);

/** Side the portrait is scaled to in the ffmpeg videos below, in pixels. */
export const FFMPEG_PORTRAIT_PX = 400;
/** Where the scaled portrait's top-left corner sits in the 640×480 frame. */
export const FFMPEG_PORTRAIT_AT = { x: (FRAME_WIDTH_PX - FFMPEG_PORTRAIT_PX) / 2, y: (FRAME_HEIGHT_PX - FFMPEG_PORTRAIT_PX) / 2 };

/**
 * The astronaut turned a quarter clockwise for 3 s, then upside down for 3 s, centred on grey
 * (made with ffmpeg, 5 frames a second; Chromium plays it in a loop).
 */
export function makeRotatedAstronautVideo(): string {
  const file = tempVideo('rotated.y4m');
  const pad = `pad=${FRAME_WIDTH_PX}:${FRAME_HEIGHT_PX}:${FFMPEG_PORTRAIT_AT.x}:${FFMPEG_PORTRAIT_AT.y}:gray`;
  ffmpeg([
    '-loop', '1', '-framerate', '5', '-t', '3', '-i', fixturePath('astronaut.png'),
    '-loop', '1', '-framerate', '5', '-t', '3', '-i', fixturePath('astronaut.png'),
    '-filter_complex', `[0]scale=${FFMPEG_PORTRAIT_PX}:${FFMPEG_PORTRAIT_PX},transpose=1,${pad}[a];[1]scale=${FFMPEG_PORTRAIT_PX}:${FFMPEG_PORTRAIT_PX},transpose=1,transpose=1,${pad}[b];[a][b]concat=n=2:v=1,format=yuv420p`,
    file,
  ]);
  return file;
}

/** The astronaut lying still for `stillSeconds`, then sliding to and fro for `movingSeconds` (ffmpeg, 5 fps). */
export function makeStillThenMovingVideo(stillSeconds: number, movingSeconds: number): string {
  const file = tempVideo('still-then-moving.y4m');
  const total = stillSeconds + movingSeconds;
  const x = `if(lt(t,${stillSeconds}),120,120+80*sin(2*PI*0.7*(t-${stillSeconds})))`;
  ffmpeg([
    '-f', 'lavfi', '-i', `color=c=gray:s=${FRAME_WIDTH_PX}x${FRAME_HEIGHT_PX}:r=5:d=${total}`,
    '-loop', '1', '-framerate', '5', '-t', String(total), '-i', fixturePath('astronaut.png'),
    '-filter_complex', `[1]scale=${FFMPEG_PORTRAIT_PX}:${FFMPEG_PORTRAIT_PX}[p];[0][p]overlay=x='${x}':y=${FFMPEG_PORTRAIT_AT.y}:shortest=1,format=yuv420p`,
    file,
  ]);
  return file;
}

/** The astronaut lying perfectly still (ffmpeg, 2 s at 5 fps; looped by Chromium for as long as the test runs). */
export function makeStillAstronautVideo(): string {
  const file = tempVideo('still.y4m');
  ffmpeg(['-loop', '1', '-framerate', '5', '-t', '2', '-i', fixturePath('astronaut.png'), '-vf', `scale=${FFMPEG_PORTRAIT_PX}:${FFMPEG_PORTRAIT_PX},pad=${FRAME_WIDTH_PX}:${FRAME_HEIGHT_PX}:${FFMPEG_PORTRAIT_AT.x}:${FFMPEG_PORTRAIT_AT.y}:gray,format=yuv420p`, file]);
  return file;
}
