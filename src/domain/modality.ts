/** A sense the monitor can read a need from. */
export type Modality = 'audio' | 'face';

/** Fixed display and fusion order of the modalities. */
export const MODALITIES: readonly Modality[] = ['audio', 'face'];

/** A source of need evidence in late fusion: the senses plus the baby's day from the care log. */
export type NeedSource = Modality | 'context';

/** Fixed fusion and display order of the need sources. */
export const NEED_SOURCES: readonly NeedSource[] = [...MODALITIES, 'context'];
