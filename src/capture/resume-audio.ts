/** The part of an AudioContext that resuming needs. */
export interface ResumableAudio {
  readonly state: string;
  resume(): Promise<void>;
}

/**
 * Asks the audio to start and reports whether it runs. Without a user gesture, resume() may stay
 * pending forever (autoplay policy), so the wait ends after `waitMs` and the caller asks for a tap.
 */
export async function resumeWithin(audio: ResumableAudio, waitMs: number): Promise<boolean> {
  if (audio.state === 'running') return true;
  if (audio.state === 'closed') return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
  });
  await Promise.race([audio.resume().catch(() => undefined), deadline]);
  clearTimeout(timer);
  return audio.state === 'running';
}
