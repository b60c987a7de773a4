import { describe, expect, it } from 'vitest';
import { extractsFiles, findScript } from './find-script.js';
import { memoryRepo } from './repo.js';

describe('findScript', () => {
  it('takes a script with docker cp before one whose docker run leaves files', () => {
    const repo = memoryRepo({
      'scripts/a-compile.sh': '#!/bin/sh\ndocker run --rm -v "$PWD":/src -w /src golang:1.22 go build -o app .\ndocker build -t app .\n',
      'scripts/z-image.sh': '#!/bin/sh\ndocker create --name c b\ndocker cp c:/out/app ./app\n',
    });
    expect(findScript(repo)).toBe('scripts/z-image.sh');
  });

  it('takes docker as scripts name it: podman, or a variable such as $(DOCKER) or ${DOCKER:-docker}', () => {
    for (const docker of ['podman', '$(DOCKER)', '${DOCKER}', '${DOCKER:-docker}', '$DOCKER']) {
      expect(extractsFiles(`${docker} create --name c b\n${docker} cp c:/out/app .\n`, 'copy')).toBe(true);
      expect(extractsFiles(`${docker} run -v "$PWD":/src b make\n${docker} build -t app .\n`, 'run')).toBe(true);
    }
    expect(extractsFiles('$DOCKERFILE cp a b\nmydocker cp c:/a .\n', 'copy')).toBe(false);
  });

  it('takes a Makefile whose docker run leaves files when no script copies', () => {
    const repo = memoryRepo({ Makefile: 'app:\n\tdocker run --rm b cat /out/app > $@\nimage: app\n\tdocker build -t app .\n' });
    expect(findScript(repo)).toBe('Makefile');
  });
});

describe('extractsFiles', () => {
  it('reads a docker run with a bind mount, an output file or a tar pipe, over continued lines, with an image built', () => {
    const built = (run: string): boolean => extractsFiles(`${run}\ndocker build -t app .\n`, 'run');
    expect(built('docker run --rm \\\n  --volume="$PWD":/src b make')).toBe(true);
    expect(built('docker run --rm b cat /out/app > app')).toBe(true);
    expect(built('docker run --rm b tar -c -C /out . | tar -x')).toBe(true);
    expect(built('docker run --rm b make check >/dev/null 2>&1')).toBe(false);
    expect(extractsFiles('docker run --rm -v "$PWD":/src b go test ./...\n', 'run')).toBe(false);
  });
});
