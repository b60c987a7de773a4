import { describe, expect, it } from 'vitest';
import { entrypointCommand } from './image-entrypoints.js';

describe('entrypointCommand', () => {
  it("puts composer before Composer's own commands and flags, as the image's entrypoint does", () => {
    for (const image of ['composer', 'composer:2', 'docker.io/library/composer:2.7', 'composer/composer:latest-bin', 'composer@sha256:0123', 'public.ecr.aws/docker/library/composer:2', 'mirror.gcr.io/library/composer']) {
      expect(entrypointCommand(image, ['install', '--no-dev'])).toEqual(['composer', 'install', '--no-dev']);
    }
    expect(entrypointCommand('composer:2', ['--version'])).toEqual(['composer', '--version']);
    // A program of the image, or composer named already, runs as given.
    expect(entrypointCommand('composer:2', ['composer', 'install'])).toEqual(['composer', 'install']);
    expect(entrypointCommand('composer:2', ['sh', '-c', 'composer install'])).toEqual(['sh', '-c', 'composer install']);
  });

  it('runs a script file or a flag with node, and a flag with php', () => {
    expect(entrypointCommand('node:20-alpine', ['build.mjs'])).toEqual(['node', 'build.mjs']);
    expect(entrypointCommand('node', ['--version'])).toEqual(['node', '--version']);
    expect(entrypointCommand('node:20', ['npm', 'ci'])).toEqual(['npm', 'ci']);
    expect(entrypointCommand('php:8.2-cli', ['-r', 'echo 1;'])).toEqual(['php', '-r', 'echo 1;']);
    expect(entrypointCommand('php:8.2-cli', ['php', 'build.php'])).toEqual(['php', 'build.php']);
  });

  it('leaves the command of any other image as given', () => {
    expect(entrypointCommand('golang:1.22', ['go', 'build'])).toEqual(['go', 'build']);
    expect(entrypointCommand('myorg/composer:2', ['install'])).toEqual(['install']);
    expect(entrypointCommand('registry.example.com/node:20', ['build.js'])).toEqual(['build.js']);
    expect(entrypointCommand('composer:2', [])).toEqual([]);
  });
});
