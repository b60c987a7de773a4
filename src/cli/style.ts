import type { Style } from '../report/text.js';
import { PLAIN } from '../report/text.js';

/** `--color`/`--no-color` decide; else FORCE_COLOR forces colour, and a terminal gets it unless NO_COLOR. */
export function chooseStyle(stream: NodeJS.WriteStream, flag: boolean | undefined, env: NodeJS.ProcessEnv): Style {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const wanted = flag ?? (forced || (Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb'));
  if (!wanted) return PLAIN;
  const wrap = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39) };
}
