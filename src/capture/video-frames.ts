/**
 * The pictures of a video file: an off-screen, muted <video> playing the file from an object
 * URL is sought to each planned time (video-frame-plan.ts) and the frame shown there is handed
 * over as an ImageBitmap, ready to transfer to the vision worker. Every wait is bounded, so a
 * file whose pictures the browser cannot decode ends in a VideoFramesError, never a hang.
 *
 * Why 'seeked' and not requestVideoFrameCallback: the latter fires when a frame is presented for
 * compositing, which a paused element that is never put on the page may never do; after
 * 'seeked' the frame at the new position is decoded and createImageBitmap can copy it. WebCodecs
 * would need a demuxer for each container; the element already has one for everything it plays.
 */
import { planFrameTimes } from './video-frame-plan.ts';

/** How long the browser may take to read a video's header (size, length), in milliseconds. */
export const VIDEO_METADATA_TIMEOUT_MS = 10_000;

/**
 * How long one seek may take to show its frame, in milliseconds. A seek in a local file takes
 * tens of milliseconds; a phone decoding from the previous key frame of a long-GOP video may
 * need a second or two.
 */
export const VIDEO_SEEK_TIMEOUT_MS = 5_000;

/** File name endings of containers that can hold pictures, for files whose type the system did not say. */
const VIDEO_EXTENSIONS = ['mp4', 'm4v', 'mov', 'webm', '3gp', 'mkv', 'ogv'];

export type VideoFramesErrorCode = 'undecodable' | 'stalled' | 'cancelled';

/** The pictures could not be read; the message is written for the parent. */
export class VideoFramesError extends Error {
  readonly code: VideoFramesErrorCode;
  constructor(code: VideoFramesErrorCode, message: string) {
    super(message);
    this.name = 'VideoFramesError';
    this.code = code;
  }
}

/** Whether a picked file may hold pictures worth looking for (its type, or its name when it has none). */
export function mayHoldPictures(file: { readonly name: string; readonly type: string }): boolean {
  const type = file.type.toLowerCase();
  if (type.startsWith('video/')) return true;
  if (type !== '') return false;
  return VIDEO_EXTENSIONS.includes(file.name.toLowerCase().split('.').pop() ?? '');
}

export interface VideoFramesOptions {
  /** Length of the recording in seconds from its sound, for files whose header gives none (a MediaRecorder WebM). */
  fallbackDurationSeconds: number;
  signal?: AbortSignal;
  /** Called once the video is open: how many pictures will be taken. */
  onPlan?: (frameCount: number) => void;
  /** Handles one picture (transferred to it: it must close or transfer the bitmap). */
  onFrame: (frame: ImageBitmap, timeSeconds: number) => Promise<void>;
}

export type VideoFramesOutcome =
  /** The file has no picture track (a sound file in a video container). */
  | { readonly kind: 'no-pictures' }
  | { readonly kind: 'done'; readonly frames: number; readonly durationSeconds: number };

function cancelled(): VideoFramesError {
  return new VideoFramesError('cancelled', 'Analysis cancelled.');
}

/**
 * Waits for one of `events` on `video`; rejects on the element's 'error', on abort, or after
 * `timeoutMs` with a 'stalled' VideoFramesError saying `what` did not happen.
 */
function nextEvent(video: HTMLVideoElement, events: readonly string[], timeoutMs: number, what: string, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      for (const name of events) video.removeEventListener(name, onEvent);
      video.removeEventListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onEvent = (): void => {
      done();
      resolve();
    };
    const onError = (): void => {
      done();
      reject(new VideoFramesError('undecodable', 'The pictures of this video could not be decoded by this browser.'));
    };
    const onAbort = (): void => {
      done();
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      done();
      reject(new VideoFramesError('stalled', `The pictures of this video could not be read (${what} took longer than ${timeoutMs / 1000} s).`));
    }, timeoutMs);
    for (const name of events) video.addEventListener(name, onEvent);
    video.addEventListener('error', onError);
    signal?.addEventListener('abort', onAbort);
  });
}

/**
 * Takes pictures of `file` at the planned times and hands each to `onFrame`, one at a time (the
 * next seek waits for the previous picture's analysis, so pictures never pile up in memory).
 * Resolves with 'no-pictures' for a file without a picture track; rejects with a
 * VideoFramesError when the pictures cannot be read or on abort. The object URL is revoked and
 * the element emptied however it ends.
 */
export async function readVideoFrames(file: Blob, options: VideoFramesOptions): Promise<VideoFramesOutcome> {
  const { signal } = options;
  if (signal?.aborted) throw cancelled();
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  try {
    const opened = nextEvent(video, ['loadeddata'], VIDEO_METADATA_TIMEOUT_MS, 'opening it', signal);
    video.src = url;
    await opened;
    if (video.videoWidth === 0 || video.videoHeight === 0) return { kind: 'no-pictures' };
    const durationSeconds = Number.isFinite(video.duration) && video.duration > 0 ? video.duration : options.fallbackDurationSeconds;
    const times = planFrameTimes(durationSeconds);
    options.onPlan?.(times.length);
    let frames = 0;
    for (const timeSeconds of times) {
      if (signal?.aborted) throw cancelled();
      const sought = nextEvent(video, ['seeked'], VIDEO_SEEK_TIMEOUT_MS, 'finding a picture', signal);
      video.currentTime = timeSeconds;
      await sought;
      if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
        await nextEvent(video, ['canplay'], VIDEO_SEEK_TIMEOUT_MS, 'decoding a picture', signal);
      }
      let frame: ImageBitmap;
      try {
        frame = await createImageBitmap(video);
      } catch {
        throw new VideoFramesError('undecodable', 'The pictures of this video could not be decoded by this browser.');
      }
      if (signal?.aborted) {
        frame.close();
        throw cancelled();
      }
      await options.onFrame(frame, timeSeconds);
      frames += 1;
    }
    return { kind: 'done', frames, durationSeconds };
  } finally {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}
