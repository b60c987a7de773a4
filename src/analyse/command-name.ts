import type { ScriptEvent } from './events.js';

/** The command an event stands for, in the script's words: `docker run`, `docker cp`, `rm`. */
export function commandName(event: ScriptEvent): string {
  switch (event.kind) {
    case 'build':
      return 'docker build';
    case 'create':
      return event.ran ? 'docker run' : 'docker create';
    case 'copy-out':
      return 'docker cp';
    case 'remove-container':
      return 'docker rm';
    case 'remove-image':
      return 'docker rmi';
    case 'start-container':
      return 'docker start';
    case 'docker-other':
      return `docker ${event.subcommand}`;
    case 'other':
      return event.name;
    default:
      return event.kind.replace(/^host-/, '');
  }
}
