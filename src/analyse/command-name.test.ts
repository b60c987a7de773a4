import { describe, expect, it } from 'vitest';
import { parseShell } from '../parse/shell/parse-shell.js';
import { commandName } from './command-name.js';
import { interpret } from './interpreter.js';

describe('commandName', () => {
  it('names each command as the script wrote it', () => {
    const text = 'docker build -t b .\ndocker run --rm b true\ndocker create --name c b\ndocker cp c:/a ./a\ndocker rm c\ndocker rmi b\ndocker push b\nrm -f a\nstrip a\n';
    const names = interpret(parseShell(text, 'build.sh'), 'build.sh').events.map(commandName);
    expect(names).toEqual(['docker build', 'docker run', 'docker create', 'docker cp', 'docker rm', 'docker rmi', 'docker push', 'rm', 'strip']);
  });
});
