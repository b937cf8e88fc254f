/** Where the audio models live, relative to the app's base URL. */
const AUDIO_MODELS_PATH = 'models/audio/';

/** Absolute URL of the audio models' folder: workers resolve relative URLs against their own script. */
export function audioModelsBaseUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}${AUDIO_MODELS_PATH}`, location.href).href;
}
