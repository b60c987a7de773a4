import { expect, it } from 'vitest';
import { describeEngine } from './engine.js';
import { CHOWN, legacyRepo, migration, PLAIN, useVerifier, VERIFY_TIMEOUT } from './verify-fixture.js';

// Each repository has its own tag and container names, so no verification can
// pick up an image another one built.
describeEngine('verifyRepo with podman', () => {
  const v = useVerifier();

  it('finds the migrated image identical to the legacy one', async () => {
    const result = await v.verify(legacyRepo('same', PLAIN), migration('same', PLAIN));
    expect(result.differences).toEqual([]);
    expect(result).toMatchObject({ identical: true, engine: 'podman' });
    expect(result.entries).toBeGreaterThan(300);
    expect(v.lines.some((l) => l.startsWith('[legacy] '))).toBe(true);
    expect(v.lines.some((l) => l.startsWith('[migrated] '))).toBe(true);
  }, VERIFY_TIMEOUT);

  // Two mistakes in one verification: the differences are independent, and each run costs seconds.
  it('reports a COPY to the wrong destination by path, and a changed CMD', async () => {
    const changes = migration('wrong', PLAIN, 'COPY --from=builder /src/app /usr/bin/app', '["./app"]');
    const result = await v.verify(legacyRepo('wrong', PLAIN), changes);
    expect(result.identical).toBe(false);
    expect(result.differences).toEqual([
      'Cmd: ["app"] in legacy, ["./app"] in migrated',
      '/usr/bin/app: only in migrated',
      '/usr/local/bin/app: only in legacy',
    ]);
  }, VERIFY_TIMEOUT);

  // `docker cp` + `COPY` gives root-owned files; `COPY --from` keeps the builder's owner.
  it('reports the owner that COPY --from carries over from the builder', async () => {
    const result = await v.verify(legacyRepo('owner', CHOWN), migration('owner', CHOWN));
    expect(result.differences).toEqual(['/usr/local/bin/app: owner 0:0 in legacy, 1000:1000 in migrated']);
  }, VERIFY_TIMEOUT);

  it('finds COPY --from --chown=0:0 identical to the legacy flow', async () => {
    const changes = migration('chown', CHOWN, 'COPY --from=builder --chown=0:0 /src/app /usr/local/bin/app');
    const result = await v.verify(legacyRepo('chown', CHOWN), changes);
    expect(result.differences).toEqual([]);
    expect(result.identical).toBe(true);
  }, VERIFY_TIMEOUT);
});
