/**
 * Backup files for the restore specs (restore-large, restore-full-disk): one builder, shared
 * with the unit tests and the restore benchmark, which live under scripts/ and so cannot import
 * from tests/ (scripts/lib/generated-backup.ts).
 */
export { GENERATED_PROFILE_ID, generatedBackupText as appBackupText, type GeneratedBackupOptions } from '../../scripts/lib/generated-backup.ts';
