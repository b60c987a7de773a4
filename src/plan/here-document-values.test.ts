import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import type { BuildEvent } from '../analyse/events.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { writtenInValues } from './here-document-values.js';

function messages(script: string): string[] {
  const build = interpret(parseShell(script, 'build.sh'), 'build.sh').events.find((e): e is BuildEvent => e.kind === 'build')!;
  return writtenInValues(build).map((f) => `${f.code} ${f.file}:${f.line} ${f.message}`);
}

describe('the script values a here-document took', () => {
  it('are named, each once, at the build', () => {
    expect(messages('GO=1.22\nOUT=/out\ndocker build -t b - <<EOF\nFROM golang:$GO\nRUN go build -o $OUT/app && cp $OUT/app /\nEOF\n')).toEqual([
      "MSM055 build.sh:3 the here-document's $GO ('1.22') and $OUT ('/out'), which the shell put into its text, are written into its stage of the merged Dockerfile as the script sets them: a change of them in the script no longer reaches the build; change the Dockerfile instead",
    ]);
  });

  it('are not named where none was taken', () => {
    expect(messages("GO=1.22\ndocker build -t b - <<'EOF'\nFROM golang:$GO\nEOF\n")).toEqual([]);
    expect(messages('docker build -t b -f Dockerfile.build .\n')).toEqual([]);
  });
});
