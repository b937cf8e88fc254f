/**
 * The camera: a low-resolution video stream and frames sampled from it a few times a
 * second as ImageBitmaps, ready to transfer to the vision worker.
 */
export type CameraFacing = 'user' | 'environment';

/** Requested frame size, in pixels: enough for a face at cot distance, cheap to analyse. */
export const CAMERA_WIDTH_PX = 640;
export const CAMERA_HEIGHT_PX = 480;
/** Frames analysed per second (2–4 is plenty for a face that changes slowly). */
export const FRAMES_PER_SECOND = 3;

/** Asks for the camera; rejects with the browser's DOMException (or a NotSupportedError when there is no API). */
export async function openCamera(facing: CameraFacing): Promise<MediaStream> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices || typeof navigator.mediaDevices.getUserMedia !== 'function') {
    // Named like the browser's own error, so cameraProblemFromException explains it.
    throw Object.assign(new Error('getUserMedia is not available'), { name: 'NotSupportedError' });
  }
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: facing, width: { ideal: CAMERA_WIDTH_PX }, height: { ideal: CAMERA_HEIGHT_PX } },
  });
}

export function stopCamera(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/**
 * Calls `onFrame` with a fresh bitmap of `video` about `framesPerSecond` times a second,
 * skipping a tick while the previous frame is still being handled (so frames never pile up).
 * Returns a function that stops sampling.
 */
export function sampleFrames(
  video: HTMLVideoElement,
  onFrame: (frame: ImageBitmap) => Promise<void>,
  framesPerSecond: number = FRAMES_PER_SECOND,
): () => void {
  let busy = false;
  let stopped = false;
  const tick = async (): Promise<void> => {
    if (busy || stopped || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return;
    busy = true;
    try {
      const frame = await createImageBitmap(video);
      if (stopped) frame.close();
      else await onFrame(frame);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), 1000 / framesPerSecond);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
