import type { ScriptEvent } from './events.js';

/** The docker commands whose output is what a container holds or prints: a stream another command may read. */
const STREAMING = new Set(['export', 'exec', 'logs', 'start', 'attach']);

/**
 * Whether an event writes a container's output to stdout: `docker run`, `docker cp c:/out -`,
 * `docker export`, `docker exec`, `docker start -a` and the like.
 */
export function writesContainerOutput(event: ScriptEvent): boolean {
  switch (event.kind) {
    case 'create':
      return event.run !== null;
    case 'copy-out':
      return event.dest === '-';
    case 'start-container':
      return event.attached;
    case 'docker-other':
      return STREAMING.has(event.subcommand);
    default:
      return false;
  }
}

/** The command as a reader knows it: `docker run`, `docker cp`, `docker export`. */
export function containerCommandName(event: ScriptEvent): string {
  switch (event.kind) {
    case 'create':
      return 'docker run';
    case 'copy-out':
      return 'docker cp';
    case 'start-container':
      return 'docker start';
    case 'docker-other':
      return `docker ${event.subcommand}`;
    default:
      return 'a command';
  }
}
