export type { ListeningStatus, ModelStatus } from '../session/session-snapshot.ts';
