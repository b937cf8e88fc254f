/** Longest baby name we store, in UTF-16 code units. */
export const MAX_PROFILE_NAME_LENGTH = 60;
/** Longest note or "what helped" answer, in UTF-16 code units: a paragraph, not a diary. */
export const MAX_ANNOTATION_LENGTH = 2000;
/** Longest id (UUIDs are 36). */
export const MAX_ID_LENGTH = 64;
/** Model-version entries per episode and the length of each key or value. */
export const MAX_MODEL_VERSIONS = 16;
export const MAX_MODEL_VERSION_TEXT_LENGTH = 120;
/** Longest episode we believe in: a day. Anything longer is a corrupt record. */
export const MAX_EPISODE_DURATION_SECONDS = 24 * 60 * 60;
