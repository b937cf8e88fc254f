/**
 * When to look at the pictures of a video file. Pure, so the plan is unit-tested without a
 * browser; src/capture/video-frames.ts seeks an off-screen <video> to each planned time.
 */

/**
 * Pictures analysed per second of video. The audio model judges a 2 s window every 0.5 s, so
 * 2 pictures a second give every window hop a fresh face reading (the live monitor drops a face
 * reading older than FACE_STALE_SECONDS = 1.5 s); a baby's face changes far slower than that.
 */
export const VIDEO_FRAMES_PER_SECOND = 2;

/**
 * Most pictures analysed in one video. Each costs a seek, a decode and a face analysis (about
 * 20 ms in the worker on a laptop, several times that on a phone, plus the seek): 600 keep the
 * picture stage near a minute on a phone. Videos up to 5 minutes get the full rate; longer ones
 * are sampled evenly at a lower rate (an hour: one picture every 6 s).
 */
export const MAX_VIDEO_FRAMES = 600;

/**
 * Times in seconds from the start of the video at which to take a picture: evenly spaced, each
 * in the middle of its share of the video (never exactly 0, where many files hold a black or
 * not-yet-decoded frame, nor the very end, which a seek may not reach). Empty for a video with no
 * usable length.
 */
export function planFrameTimes(
  durationSeconds: number,
  framesPerSecond: number = VIDEO_FRAMES_PER_SECOND,
  maxFrames: number = MAX_VIDEO_FRAMES,
): number[] {
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0 || framesPerSecond <= 0 || maxFrames < 1) return [];
  const count = Math.max(1, Math.min(Math.floor(maxFrames), Math.round(durationSeconds * framesPerSecond)));
  const stepSeconds = durationSeconds / count;
  return Array.from({ length: count }, (_, i) => (i + 0.5) * stepSeconds);
}
