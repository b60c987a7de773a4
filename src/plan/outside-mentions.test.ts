import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const files = {
  'build.sh': lines('docker build -t app-build -f Dockerfile.build .', 'docker create --name c app-build', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .'),
  'Dockerfile.build': 'FROM golang:1.22\nRUN go build -o /out/app .\n',
  Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n',
};

function mentions(extra: Record<string, string>): string[] {
  const result = migrate(memoryRepo({ ...files, ...extra }));
  expect(result.report.status).toBe('migrated');
  return result.report.warnings.filter((w) => w.code === 'MSM048').map((w) => `${w.file}:${w.line}: ${w.message}`);
}

describe('outsideMentions', () => {
  it('names the lines of compose files and CI jobs that use the deleted Dockerfile or the builder image', () => {
    expect(mentions({
      'docker-compose.test.yml': lines('services:', '  unit:', '    build:', '      dockerfile: Dockerfile.build', '  lint:', '    image: app-build'),
      '.github/workflows/ci.yml': lines('jobs:', '  test:', '    steps:', '      - run: docker run --rm app-build go vet ./...'),
    })).toEqual([
      '.github/workflows/ci.yml:4: this line names the builder image app-build, which the migrated script no longer builds: the job or service that uses it would break',
      'docker-compose.test.yml:4: this line names Dockerfile.build, which the migration deletes: the job or service that uses it would break',
      'docker-compose.test.yml:6: this line names the builder image app-build, which the migrated script no longer builds: the job or service that uses it would break',
    ]);
  });

  it('names extracted files that a CI job or another Makefile rule uses, and keeps a builder Dockerfile a prerequisite names', () => {
    expect(mentions({ '.github/workflows/ci.yml': lines('jobs:', '  test:', '    steps:', '      - run: ./build.sh', '      - run: ./app --selftest', '      - run: echo app') })).toEqual([
      '.github/workflows/ci.yml:5: this line names app, which the migrated script no longer leaves on the host (the image takes it from its stage): the job or service that uses it would not find it',
    ]);
    const makefile = lines('image: bin/agent', '\tdocker build -t agent .', 'bin/agent: main.go Dockerfile.build', '\tdocker build -t agent-build -f Dockerfile.build .', '\tdocker create --name x agent-build', '\tdocker cp x:/out/app $@', '\tdocker rm x', 'dist:', '\ttar czf agent.tgz bin/agent');
    const result = migrate(memoryRepo({ Makefile: makefile, 'Dockerfile.build': files['Dockerfile.build'], Dockerfile: 'FROM alpine:3.19\nCOPY bin/agent /usr/local/bin/agent\n', 'main.go': '' }));
    expect(result.report.status).toBe('migrated');
    expect(result.changes.map((c) => `${c.path} ${c.after === null ? 'deleted' : 'written'}`)).toEqual(['Dockerfile written', 'Makefile written']);
    expect(result.report.warnings.filter((w) => w.code === 'MSM048').map((w) => `${w.file}:${w.line}`)).toEqual(['Makefile:9']);
  });

  it('names a Makefile rule the target does not run whose prerequisite is an extracted file', () => {
    const makefile = lines('image: bin/agent', '\tdocker build -t agent .', 'bin/agent:', '\tdocker build -t agent-build -f Dockerfile.build .', '\tdocker create --name x agent-build', '\tdocker cp x:/out/app $@', '\tdocker rm x', 'release: bin/agent', '\ttar czf agent.tgz bin');
    const result = migrate(memoryRepo({ Makefile: makefile, 'Dockerfile.build': files['Dockerfile.build'], Dockerfile: 'FROM alpine:3.19\nCOPY bin/agent /usr/local/bin/agent\n', 'main.go': '' }));
    expect(result.report.status).toBe('migrated');
    expect(result.report.warnings.filter((w) => w.code === 'MSM048').map((w) => `${w.file}:${w.line}: ${w.message.split(',')[0]}`)).toEqual(['Makefile:8: this rule']);
  });

  it("names a YAML value that is an extracted file's bare name, and a file named inside an extracted folder", () => {
    const at = (result: string[]): string[] => result.map((r) => r.split(': this line')[0]!);
    expect(at(mentions({ '.travis.yml': lines('deploy:', '  provider: releases', '  file: app', '  skip_cleanup: true'), '.gitlab-ci.yml': lines('build:', '  artifacts:', '    paths: [app, docs]', '    expire_in: 1 week') }))).toEqual(['.gitlab-ci.yml:3', '.travis.yml:3']);
    // A bare name elsewhere in a line is too often something else: a job called app, a word of a command.
    expect(mentions({ '.travis.yml': lines('app:', '  script: make app', '  name: app server') })).toEqual([]);
    const folder = { 'build.sh': files['build.sh'].replace('c:/out/app ./app', 'c:/out/. dist/'), Dockerfile: 'FROM alpine:3.19\nCOPY dist /srv\n' };
    expect(at(mentions({ ...folder, Jenkinsfile: "stage('archive') { archiveArtifacts artifacts: 'dist/app.tgz' }\n" }))).toEqual(['Jenkinsfile:1']);
  });

  it('names a pattern with a folder that an extracted file matches', () => {
    const jar = { 'build.sh': files['build.sh'].replace('c:/out/app ./app', 'c:/out/app.jar target/app.jar'), Dockerfile: 'FROM alpine:3.19\nCOPY target/app.jar /app.jar\n' };
    expect(mentions({ ...jar, Jenkinsfile: "post { always { archiveArtifacts 'target/*.jar' } }\n" }).map((m) => m.split(',')[0])).toEqual(['Jenkinsfile:1: this line names target/app.jar']);
    expect(mentions({ ...jar, '.github/workflows/ci.yml': lines('      - uses: actions/upload-artifact@v4', '        with:', '          path: ./target/app-?.jar') })).toEqual([]);
    expect(mentions({ ...jar, '.github/workflows/ci.yml': lines('          path: ./target/*.war', '          other: docs/*.md') })).toEqual([]);
  });

  it("says nothing of another folder's file of the same name, and names this one's", () => {
    const sub = { 'build.sh': files['build.sh'].replace('-f Dockerfile.build .', '-f api/Dockerfile.build api').replace('-t app .', '-t app api'), 'api/Dockerfile.build': files['Dockerfile.build'], 'api/Dockerfile': 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n', 'worker/Dockerfile.build': 'FROM golang:1.22\n' };
    const result = migrate(memoryRepo({ ...sub, 'build.sh': sub['build.sh'].replace('./app', 'api/app'), '.gitlab-ci.yml': lines('w:', '  script: docker build -f worker/Dockerfile.build worker', 'a:', '  script: docker build -f ./api/Dockerfile.build api') }));
    expect(result.report.status).toBe('migrated');
    expect(result.report.warnings.filter((w) => w.code === 'MSM048').map((w) => `${w.file}:${w.line}`)).toEqual(['.gitlab-ci.yml:4']);
  });

  it('says nothing of longer names, other files, or an image the script still builds', () => {
    expect(mentions({ 'docker-compose.yml': lines('services:', '  web:', '    image: my-app-build:1', '    build: { dockerfile: Dockerfile.build.old }'), 'notes.md': 'Dockerfile.build app-build\n' })).toEqual([]);
  });
});
