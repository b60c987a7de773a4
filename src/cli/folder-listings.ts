import { readdirSync, type Dirent } from 'node:fs';

interface Listing {
  /** By name, in name order (UTF-16 code units, the same on every system). */
  entries: Map<string, Dirent>;
  lowerNames: Set<string>;
}

/**
 * What each folder holds, read once per run. The migration asks for many files that are not
 * there (a `.dockerignore` beside each Dockerfile, each name a build script may have): the
 * listing answers those without a system call each.
 */
export class FolderListings {
  private readonly listings = new Map<string, Listing | null>();

  /** `prelisted`: listings already read this run (see Prelisted), used in place of reading again. */
  constructor(private readonly prelisted?: ReadonlyMap<string, Dirent[]>) {}

  /** The entry named `name` in `folder`; null when it is surely not there; undefined when only the file system can tell. */
  entry(folder: string, name: string): Dirent | null | undefined {
    const listing = this.listing(folder);
    if (listing === null) return undefined;
    const found = listing.entries.get(name);
    if (found !== undefined) return found;
    // A case-insensitive file system opens `dockerfile` as `Dockerfile`: let it answer.
    return listing.lowerNames.has(name.toLowerCase()) ? undefined : null;
  }

  /** Everything in `folder`, in name order; empty when it cannot be listed. The repo's walk reads these too. */
  entries(folder: string): Iterable<Dirent> {
    return this.listing(folder)?.entries.values() ?? [];
  }

  private listing(folder: string): Listing | null {
    let listing = this.listings.get(folder);
    if (listing === undefined) {
      const sorted = this.prelisted?.get(folder) ?? sortedListing(folder);
      if (sorted === null) listing = null;
      else {
        const entries = new Map(sorted.map((e) => [e.name, e]));
        listing = { entries, lowerNames: new Set([...entries.keys()].map((n) => n.toLowerCase())) };
      }
      this.listings.set(folder, listing);
    }
    return listing;
  }
}

/** A folder's entries in name order (UTF-16 code units); null when it cannot be listed. */
export function sortedListing(folder: string): Dirent[] | null {
  try {
    return readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return null;
  }
}
