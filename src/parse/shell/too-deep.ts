import { MigrateError } from '../../errors.js';

/** Thousands of nested `{`, `$(` or `case`: no build script does that, and the stack ends first. */
export function tooDeep(file: string): MigrateError {
  return new MigrateError('the script nests too deep to analyse', { file, line: 1 });
}
