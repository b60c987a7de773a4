import { type Dirent, lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import { MigrateError } from '../errors.js';
import { FolderListings } from './folder-listings.js';
import type { Prelisted } from './prelisted.js';

/** A repo path in its real folder (its last part may still be a symlink). */
export interface Located {
  abs: string;
  /** From the folder's listing: null when surely not there, undefined when unknown. */
  entry: Dirent | null | undefined;
}

/**
 * Where a repo's paths are on disk, never outside it: absolute host paths and `..` paths are
 * refused, and so are symlinks that lead out, the file's or a folder's on the way. Each folder
 * is resolved and listed once: a repo's files share a handful of folders, resolving a path
 * costs a system call for each folder on the way from /, and a listing answers for the many
 * files the migration looks for that are not there.
 */
export class RepoPaths {
  readonly realRoot: string;
  private readonly realFolders: Map<string, string | undefined>;
  private readonly listings: FolderListings;

  /** `prelisted`: what a search already read of the repo at `root`. */
  constructor(root: string, prelisted?: Prelisted) {
    this.realRoot = prelisted?.real ?? realpathSync.native(root);
    this.realFolders = new Map([[this.realRoot, this.realRoot]]);
    this.listings = new FolderListings(prelisted?.listings);
  }

  /** The path in its real folder, and its folder's entry for it; undefined when the folder is not there. */
  locate(path: string): Located | undefined {
    const abs = this.insideRoot(path);
    if (abs === this.realRoot) return { abs, entry: undefined };
    const folder = this.realFolder(dirname(abs), path);
    if (folder === undefined) return undefined;
    const name = basename(abs);
    return { abs: join(folder, name), entry: this.listings.entry(folder, name) };
  }

  /** What a real folder in the repo holds, in name order, from the same listing that answers `locate`. */
  entries(realFolder: string): Iterable<Dirent> {
    return this.listings.entries(realFolder);
  }

  /** Follows symlinks all the way; undefined when nothing is there. `path` names it in messages. */
  followed(abs: string, path: string): string | undefined {
    let real: string;
    try {
      // realpath(3) in one call: the JS realpathSync lstats each folder on the way.
      real = realpathSync.native(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      // A symlink loop, or no permission: say so rather than treat it as missing.
      throw new MigrateError(`${path} cannot be read (${code ?? 'error'})`);
    }
    if (this.isOutside(real)) throw new MigrateError(`${path} is a symlink that leads outside the repo`);
    return real;
  }

  /** File or folder: from the folder's listing, else one lstat; a symlink is followed (and checked). */
  kind(path: string): 'file' | 'dir' | undefined {
    const located = this.locate(path);
    if (located === undefined || located.entry === null) return undefined;
    const { abs, entry } = located;
    if (entry !== undefined && !entry.isSymbolicLink()) return entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : undefined;
    let stat;
    try {
      stat = lstatSync(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw new MigrateError(`${path} cannot be read (${code ?? 'error'})`);
    }
    if (stat.isSymbolicLink()) {
      const real = this.followed(abs, path);
      if (real === undefined) return undefined;
      try {
        stat = statSync(real);
      } catch {
        return undefined;
      }
    }
    return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : undefined;
  }

  private realFolder(abs: string, path: string): string | undefined {
    if (!this.realFolders.has(abs)) this.realFolders.set(abs, this.resolveFolder(abs, path));
    return this.realFolders.get(abs);
  }

  /**
   * A folder below the root, resolved one step at a time from its parent's: a plain folder in a
   * real one is real itself, which the parent's listing tells without a realpath; a symlink
   * (or what the listing cannot tell) is followed and checked.
   */
  private resolveFolder(abs: string, path: string): string | undefined {
    const realParent = this.realFolder(dirname(abs), path);
    if (realParent === undefined) return undefined;
    const real = join(realParent, basename(abs));
    const entry = this.listings.entry(realParent, basename(abs));
    if (entry === null || (entry !== undefined && !entry.isDirectory() && !entry.isSymbolicLink())) return undefined;
    return entry?.isDirectory() ? real : this.followed(real, path);
  }

  /** The absolute path of a repo-relative one; a MigrateError for one that is not in the repo. */
  private insideRoot(path: string): string {
    if (isAbsolute(path) || /^[A-Za-z]:/.test(path)) throw new MigrateError(`${path} is an absolute host path: only files in the repo are read`);
    const abs = join(this.realRoot, path);
    if (this.isOutside(abs)) throw new MigrateError(`${path} is outside the repo`);
    return abs;
  }

  /** For absolute, normalised paths (join and realpath give no other): a prefix test. */
  private isOutside(abs: string): boolean {
    const prefix = this.realRoot.endsWith(sep) ? this.realRoot : `${this.realRoot}${sep}`;
    return abs !== this.realRoot && !abs.startsWith(prefix);
  }
}
