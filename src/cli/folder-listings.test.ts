import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderListings } from './folder-listings.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'msm-listings-'));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
  mkdirSync(join(dir, 'docker'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FolderListings', () => {
  it('answers from one listing: the entry, or null for a name that is not there', () => {
    const listings = new FolderListings();
    expect(listings.entry(dir, 'Dockerfile')?.isFile()).toBe(true);
    expect(listings.entry(dir, 'docker')?.isDirectory()).toBe(true);
    expect(listings.entry(dir, '.dockerignore')).toBeNull();
    // Read once: a file made afterwards is not seen, as the run reads the repo as it was.
    writeFileSync(join(dir, '.dockerignore'), 'dist\n');
    expect(listings.entry(dir, '.dockerignore')).toBeNull();
  });

  it('leaves a name that differs only in case to the file system, which may be case-insensitive', () => {
    expect(new FolderListings().entry(dir, 'dockerfile')).toBeUndefined();
  });

  it('leaves a folder it cannot list to the file system', () => {
    expect(new FolderListings().entry(join(dir, 'missing'), 'Dockerfile')).toBeUndefined();
    expect([...new FolderListings().entries(join(dir, 'missing'))]).toEqual([]);
  });

  it('gives everything a folder holds in name order, from the listing that answers entry', () => {
    writeFileSync(join(dir, 'build.sh'), 'docker cp c:/app .\n');
    writeFileSync(join(dir, 'Zed'), '');
    const listings = new FolderListings();
    expect([...listings.entries(dir)].map((e) => e.name)).toEqual(['Dockerfile', 'Zed', 'build.sh', 'docker']);
    writeFileSync(join(dir, 'later'), '');
    expect(listings.entry(dir, 'later')).toBeNull();
  });
});
