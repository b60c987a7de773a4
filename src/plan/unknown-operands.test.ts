import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const FILES = {
  'Dockerfile.build': 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n',
  Dockerfile: 'FROM alpine:3.20\nCOPY app /usr/local/bin/app\nCMD ["app"]\n',
};

/** The script with `step` between the copy out and the final build: status and MSM032 lines. */
function withStep(step: string, after = '') {
  const script = [
    'docker build -t app:build -f Dockerfile.build .',
    'docker create --name extract app:build',
    'docker cp extract:/out/app ./app',
    'docker rm extract',
    step,
    'docker build -t app:latest .',
    after,
  ].join('\n');
  const { report } = migrate(memoryRepo({ ...FILES, 'build.sh': `${script}\n` }));
  return { status: report.status, found: report.warnings.filter((w) => w.code === 'MSM032').map((w) => `${w.line}: ${w.message.split(':')[0]}`) };
}

describe('a command given a file only known when the script runs', () => {
  it('stops the migration when the command changes the files it is given', () => {
    expect(withStep('strip "$TARGET"')).toEqual({ status: 'refused', found: ['5: strip $TARGET'] });
    expect(withStep('chmod +x "$BIN"')).toEqual({ status: 'refused', found: ['5: chmod $BIN'] });
    expect(withStep('sed -i "s/a/b/" "$CONFIG"')).toEqual({ status: 'refused', found: ['5: sed $CONFIG'] });
    expect(withStep('gzip -9 "${OUT}"')).toEqual({ status: 'refused', found: ['5: gzip $OUT'] });
  });

  it('stops it for a move or copy of a file only known then: a brace expansion too, which sh and bash read apart', () => {
    expect(withStep('mv "$JAR" app')).toEqual({ status: 'refused', found: ['5: mv $JAR'] });
    expect(withStep('mv app{.bin,}')).toEqual({ status: 'refused', found: ['5: mv app{.bin,}'] });
    expect(withStep('cp "$CONFIG" config.yml').status).toBe('migrated');
  });

  it('stops it for any command when the known part of the operand names an extracted file', () => {
    // $PWD is known: a command the tool cannot read on a known extracted file is MSM024's.
    expect(withStep('./sign.sh "$PWD/app"')).toEqual({ status: 'refused', found: [] });
    expect(withStep('./sign.sh "$ROOT/app"')).toEqual({ status: 'refused', found: ['5: ./sign.sh $ROOT/app'] });
    expect(withStep('rm -f "$ROOT/app"')).toEqual({ status: 'refused', found: ['5: rm $ROOT/app'] });
  });

  it('lets the rest through: values that cannot be a path to it, reading commands, later steps', () => {
    expect(withStep('git tag "v$VERSION"').status).toBe('migrated');
    expect(withStep('rm -rf "$WORK"').status).toBe('migrated');
    expect(withStep('sed "s/a/b/" "$CONFIG" > /dev/null').status).toBe('migrated');
    expect(withStep('strip "$TARGET.debug"').status).toBe('migrated');
    expect(withStep('echo built', 'strip "$TARGET"').status).toBe('migrated');
  });

  it('follows a value the script sets, and then it is a step --unsafe can move', () => {
    const { status, found } = withStep('TARGET=app\nstrip "$TARGET"');
    expect(status).toBe('refused');
    expect(found).toEqual([]);
  });
});
