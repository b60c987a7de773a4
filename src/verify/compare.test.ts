import { describe, expect, it } from 'vitest';
import { compareSnapshots, configDifferences, fileDifferences, type SnapshotData } from './compare.js';
import { normalizeConfig, type ImageConfig } from './image-config.js';
import type { TarEntry } from './tar-reader.js';

function entry(path: string, over: Partial<TarEntry> = {}): TarEntry {
  const type = over.type ?? 'file';
  return { path, type, mode: type === 'dir' ? 0o755 : 0o644, uid: 0, gid: 0, size: 3, sha256: type === 'file' ? 'a'.repeat(64) : '', linkTarget: '', xattrs: {}, ...over };
}

function tree(...entries: TarEntry[]): Map<string, TarEntry> {
  return new Map(entries.map((e) => [e.path, e]));
}

const base: TarEntry[] = [entry('/', { type: 'dir' }), entry('/app', { type: 'dir' }), entry('/app/bin', { mode: 0o755 })];
const config = (over: Partial<ImageConfig> = {}): ImageConfig => ({ ...normalizeConfig({ Config: { Cmd: ['/app/bin'], Env: ['PATH=/bin'] } }), ...over });
const snap = (entries: TarEntry[], over: Partial<ImageConfig> = {}): SnapshotData => ({ entries: tree(...entries), config: config(over) });

describe('compareSnapshots', () => {
  it('finds nothing in equal images', () => {
    expect(compareSnapshots(snap(base), snap(base))).toEqual([]);
  });

  it('reports owner, mode and content with legacy first', () => {
    const migrated = [...base.slice(0, 2), entry('/app/bin', { mode: 0o4755, uid: 1000, gid: 1000, size: 4, sha256: 'b'.repeat(64) })];
    expect(compareSnapshots(snap(base), snap(migrated))).toEqual([
      '/app/bin: mode 0755 in legacy, 4755 in migrated',
      '/app/bin: owner 0:0 in legacy, 1000:1000 in migrated',
      '/app/bin: content differs (3 bytes, sha256 aaaaaaaaaaaa in legacy; 4 bytes, sha256 bbbbbbbbbbbb in migrated)',
    ]);
  });

  it('reports a folder present on one side once, with its size', () => {
    const legacy = [...base, entry('/app/assets', { type: 'dir' }), entry('/app/assets/a.css'), entry('/app/assets/img', { type: 'dir' }), entry('/app/assets/img/x.png')];
    const migrated = [...base, entry('/app/assets-old'), entry('/srv/app', { type: 'dir' })];
    expect(fileDifferences(tree(...legacy), tree(...migrated))).toEqual([
      '/app/assets: only in legacy (directory with 3 entries)',
      '/app/assets-old: only in migrated',
      '/srv/app: only in migrated (directory)',
    ]);
  });

  it('reports type changes and symlink targets', () => {
    const legacy = [...base, entry('/app/link', { type: 'symlink', linkTarget: 'bin' }), entry('/app/cfg')];
    const migrated = [...base, entry('/app/link', { type: 'symlink', linkTarget: '/app/bin' }), entry('/app/cfg', { type: 'dir' })];
    expect(fileDifferences(tree(...legacy), tree(...migrated))).toEqual([
      '/app/cfg: file in legacy, dir in migrated',
      '/app/link: link target "bin" in legacy, "/app/bin" in migrated',
    ]);
  });

  it('treats a hard link like the file it points to', () => {
    const legacy = [...base, entry('/app/copy')];
    const migrated = [...base, entry('/app/copy', { type: 'hardlink', linkTarget: '/app/bin', sha256: 'a'.repeat(64) })];
    expect(fileDifferences(tree(...legacy), tree(...migrated))).toEqual([]);
  });

  it('reports changed xattrs such as file capabilities', () => {
    const migrated = [...base.slice(0, 2), entry('/app/bin', { mode: 0o755, xattrs: { 'security.capability': '01' } })];
    expect(fileDifferences(tree(...base), tree(...migrated))).toEqual(['/app/bin: extended attribute security.capability differs']);
  });
});

describe('configDifferences', () => {
  it('reports command, user, workdir, env, ports and labels', () => {
    const a = config({ Labels: { version: '1' }, ExposedPorts: ['8080/tcp'] });
    const b = config({ Cmd: ['app'], User: 'app', WorkingDir: '/app', Env: ['PATH=/bin', 'GOPATH=/go'], Labels: { version: '2' }, ExposedPorts: ['80/tcp'] });
    expect(configDifferences(a, b)).toEqual([
      'Cmd: ["/app/bin"] in legacy, ["app"] in migrated',
      'WorkingDir: (none) in legacy, "/app" in migrated',
      'User: (none) in legacy, "app" in migrated',
      'Env GOPATH: not set in legacy, "/go" in migrated',
      'ExposedPorts: 8080/tcp only in legacy',
      'ExposedPorts: 80/tcp only in migrated',
      'Label version: "1" in legacy, "2" in migrated',
    ]);
  });

  it('ignores Env order and the spelling of empty values', () => {
    const a = normalizeConfig({ Config: { Env: ['A=1', 'B=2'], Cmd: null, Entrypoint: [], Labels: null, ExposedPorts: {} } });
    const b = normalizeConfig({ Config: { Env: ['B=2', 'A=1'] } });
    expect(configDifferences(a, b)).toEqual([]);
  });
});
