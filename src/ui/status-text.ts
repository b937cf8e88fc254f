import type { ListeningStatus, ModelStatus } from './listening-types.ts';

/** The one line under the button that says what the app is doing right now. */
export function statusText(status: ListeningStatus, models: ModelStatus): string {
  switch (status) {
    case 'idle':
      return 'Not listening. Tap Start listening when your baby is near the phone.';
    case 'starting':
      return 'Starting the microphone…';
    case 'suspended':
      return 'Paused by the browser: tap to start audio.';
    case 'stopping':
      return 'Stopping…';
    case 'listening':
      switch (models.kind) {
        case 'ready':
          return 'Listening. Sound is analysed on this device only.';
        case 'loading':
          return `Listening. Loading the cry models (${Math.round(models.fraction * 100)}%)…`;
        case 'unavailable':
          return 'Listening. Showing the sound only: the cry models are not available.';
      }
  }
}
