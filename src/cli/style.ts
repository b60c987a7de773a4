import type { Style } from '../report/text.js';
import { PLAIN } from '../report/text.js';

const COLOURS: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
  cyan: wrap(36, 39),
};

/** For stderr: `--color`/`--no-color` decide; else FORCE_COLOR forces colour, and a terminal gets it unless NO_COLOR. */
export function chooseStyle(terminal: boolean, flag: boolean | undefined, env: NodeJS.ProcessEnv): Style {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const wanted = flag ?? (forced || terminalWantsColour(terminal, env));
  return wanted ? COLOURS : PLAIN;
}

/**
 * For the diff on stdout: only a terminal gets colour, whatever `--color` or FORCE_COLOR say,
 * so a diff redirected to a file or piped to `git apply` is always a clean patch.
 */
export function chooseDiffStyle(terminal: boolean, flag: boolean | undefined, env: NodeJS.ProcessEnv): Style {
  return flag !== false && terminalWantsColour(terminal, env) ? COLOURS : PLAIN;
}

/** NO_COLOR counts when set to anything but the empty string (no-color.org). */
function terminalWantsColour(terminal: boolean, env: NodeJS.ProcessEnv): boolean {
  return terminal && !env.NO_COLOR && env.TERM !== 'dumb';
}

function wrap(open: number, close: number): (text: string) => string {
  return (text) => `\x1b[${open}m${text}\x1b[${close}m`;
}
