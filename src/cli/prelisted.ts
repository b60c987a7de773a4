import type { Dirent } from 'node:fs';

/**
 * What the `--recursive` search already read of a repo it found, handed to that repo's run so
 * that a batch lists each folder and reads each script once: the listings of the folders it
 * looked in and the plain files it read whole, keyed by real path. Only plain files and folders
 * (no symlinks) are kept, so that nothing here needs the checks a symlink gets.
 */
export interface Prelisted {
  /** The repo's folder, resolved. */
  real: string;
  /** Sorted listings by real folder path. */
  listings: ReadonlyMap<string, Dirent[]>;
  /** Whole files no larger than the size limit, by real path. */
  files: ReadonlyMap<string, Buffer>;
}
