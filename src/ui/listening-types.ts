/** Where the home screen's listening session is. */
export type ListeningStatus = 'idle' | 'starting' | 'listening' | 'suspended' | 'stopping';

/** What the audio models can do right now. */
export type ModelStatus =
  | { kind: 'loading'; fraction: number }
  | {
      kind: 'ready';
      backend: string;
      /** Version tag of each loaded model (e.g. { audio: 'audio@…' }), recorded with every episode. */
      versions: Readonly<Record<string, string>>;
    }
  | { kind: 'unavailable'; reason: string };
