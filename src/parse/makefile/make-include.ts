import { posix } from 'node:path';
import { MigrateError, type SourceLocation } from '../../errors.js';
import { evaluateMake, type MakeVariables } from './make-value.js';

/**
 * The repo-relative files an `include` line names, its variables expanded. Make runs in the
 * repo folder, so names are read from there. A name only the environment decides, a
 * wildcard, or a path that leads out of the repo is refused: the tool could not read what
 * make reads.
 */
export function includedPaths(names: string, variables: MakeVariables, at: SourceLocation): string[] {
  const value = evaluateMake(names.replace(/(?<!\\)#.*$/, ''), variables);
  if (value.depends.length > 0) throw new MigrateError(`include ${names.trim()}: the file name depends on what make only knows when it runs (${value.depends[0]}); not followed`, at);
  return value.text.split(/\s+/).filter(Boolean).map((name) => {
    if (/[*?[]/.test(name)) throw new MigrateError(`include ${name}: wildcards in include are not followed`, at);
    const path = posix.normalize(name);
    if (posix.isAbsolute(path) || path === '..' || path.startsWith('../')) throw new MigrateError(`include ${name}: the path leads outside the repo; not followed`, at);
    return path;
  });
}
