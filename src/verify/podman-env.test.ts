import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { containersConf, preparePodmanEnv, storageConf, writePodmanEnv } from './podman-env.js';

describe('podman env', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'podman-env-test-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps storage and runtime state inside the folder', () => {
    expect(storageConf('/x', 'vfs')).toBe('[storage]\ndriver = "vfs"\ngraphroot = "/x/graph"\nrunroot = "/x/run"\n');
    const conf = containersConf('/x', 4096, true);
    expect(conf).toContain('default_ulimits = ["nofile=4096:4096", "nproc=32768:32768"]');
    expect(conf).toContain('runtime = "runc"');
    expect(conf).toContain('tmp_dir = "/x/libpod"');
    expect(containersConf('/x', 4096, false)).not.toContain('runtime =');
  });

  it('writes the files and returns absolute paths in the env', async () => {
    const setup = await writePodmanEnv(join(dir, 'sub', '..', 'p'), { nofile: 1024, useRunc: false });
    expect(setup.root).toBe(join(dir, 'p'));
    expect(setup.env).toEqual({
      CONTAINERS_STORAGE_CONF: join(dir, 'p', 'storage.conf'),
      CONTAINERS_CONF: join(dir, 'p', 'containers.conf'),
      BUILDAH_ISOLATION: 'chroot',
    });
    expect(await readFile(setup.env.CONTAINERS_STORAGE_CONF ?? '', 'utf8')).toContain(`graphroot = "${join(dir, 'p', 'graph')}"`);
  });

  it('falls back to vfs when podman refuses overlay, and fails in one line when it refuses both', async () => {
    const fake = join(dir, 'podman');
    const script = (refuse: string): string =>
      `#!/bin/sh\ngrep -qE '${refuse}' "$CONTAINERS_STORAGE_CONF" && { echo 'Error: driver not supported' >&2; exit 125; }\necho ok\n`;
    await writeFile(fake, script('"overlay"'));
    await chmod(fake, 0o755);
    const setup = await preparePodmanEnv(join(dir, 'p'), fake, { nofile: 1024, useRunc: true });
    expect(setup.driver).toBe('vfs');
    expect(await readFile(join(dir, 'p', 'storage.conf'), 'utf8')).toContain('driver = "vfs"');
    await writeFile(fake, script('driver'));
    await expect(preparePodmanEnv(join(dir, 'q'), fake, { nofile: 1024, useRunc: true })).rejects.toThrow(
      `podman rejects its private storage in ${join(dir, 'q')}: Error: driver not supported`,
    );
  });
});
