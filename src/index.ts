export { migrate, type MigrateOptions, type MigrationResult } from './migrate.js';
export { memoryRepo, type RepoSource } from './repo.js';
export { MigrateError, type SourceLocation } from './errors.js';
export { unifiedDiff, type FileChange } from './report/diff.js';
export { formatSummary } from './report/text.js';
export type { Report, ArtifactReport, StageReport, FileReport, RemovedCommand, MigrationStatus } from './report/model.js';
export type { Finding, Severity } from './warnings.js';
export { CODES } from './warnings.js';
export { VERSION } from './version.js';
