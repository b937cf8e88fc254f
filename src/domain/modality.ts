/** A sense the monitor can read a need from. */
export type Modality = 'audio' | 'face';

/** Fixed display and fusion order of the modalities. */
export const MODALITIES: readonly Modality[] = ['audio', 'face'];
