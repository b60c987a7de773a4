import { closingIndex, evaluateMake, splitArguments, type MakeVariables } from './make-value.js';

/** One test of a conditional: `ifeq (a,b)`, `ifneq "a" "b"`, `ifdef VAR`, `ifndef VAR`. */
export interface MakeCondition {
  keyword: 'ifeq' | 'ifneq' | 'ifdef' | 'ifndef';
  /** The directive as written, for messages: `ifeq ($(shell uname),Darwin)`. */
  text: string;
  /** The two sides of `ifeq`/`ifneq`, or the variable name of `ifdef`/`ifndef`. */
  operands: string[];
}

export type MakeDirective =
  | { kind: 'if'; condition: MakeCondition }
  | { kind: 'else'; condition: MakeCondition | null }
  | { kind: 'endif' };

const KEYWORD = /^(ifeq|ifneq|ifdef|ifndef)(?=[\s(]|$)/;

/**
 * The conditional directive on a line that is not a recipe line, or null. Throws a message
 * (no position) for a directive make would reject.
 */
export function parseDirective(line: string): MakeDirective | null {
  const text = withoutComment(line).trim();
  if (/^endif$/.test(text)) return { kind: 'endif' };
  if (/^endif\s/.test(text)) throw new Error('extra text after endif');
  const elseMatch = /^else(?:\s+(.*))?$/.exec(text);
  if (elseMatch) return { kind: 'else', condition: elseMatch[1] ? parseCondition(elseMatch[1].trim(), true) : null };
  if (!KEYWORD.test(text)) return null;
  return { kind: 'if', condition: parseCondition(text, false) };
}

function parseCondition(text: string, afterElse: boolean): MakeCondition {
  const keyword = KEYWORD.exec(text)?.[1] as MakeCondition['keyword'] | undefined;
  if (!keyword) throw new Error(afterElse ? 'extra text after else' : 'not a conditional');
  const rest = text.slice(keyword.length).trim();
  if (keyword === 'ifdef' || keyword === 'ifndef') {
    if (rest === '' || /\s/.test(rest)) throw new Error(`${keyword} takes one variable name`);
    return { keyword, text, operands: [rest] };
  }
  return { keyword, text, operands: comparedSides(rest, keyword) };
}

/** `(a,b)`, `"a" "b"`, `'a' 'b'` (make keeps the inner spaces, drops those around the comma). */
function comparedSides(rest: string, keyword: string): string[] {
  if (rest.startsWith('(')) {
    const close = closingIndex(rest, 0);
    const sides = splitArguments(rest.slice(1, close));
    if (rest[close] !== ')' || sides.length !== 2 || rest.slice(close + 1).trim() !== '') throw new Error(`invalid syntax in ${keyword}`);
    return [sides[0]!.trimEnd(), sides[1]!.trimStart()];
  }
  const quoted = /^(["'])(.*?)\1\s+(["'])(.*?)\3$/.exec(rest);
  if (!quoted) throw new Error(`invalid syntax in ${keyword}`);
  return [quoted[2]!, quoted[4]!];
}

/** Whether the condition holds as make reads it with an empty environment, and what could change that. */
export function evaluateCondition(condition: MakeCondition, variables: MakeVariables): { holds: boolean; depends: string[] } {
  if (condition.keyword === 'ifdef' || condition.keyword === 'ifndef') {
    const name = evaluateMake(condition.operands[0]!, variables);
    const found = variables.get(name.text);
    // ifdef asks whether the variable has a value; it does not expand it.
    const depends = [...name.depends];
    if (found?.immediate) depends.push(...found.depends);
    if (!found) depends.push(`${name.text} is not set in the Makefile, so it comes from the environment`);
    else if (found.fromEnvironmentFirst) depends.push(`${name.text} is set with ?=, so the environment may set it instead`);
    const defined = found !== undefined && found.value !== '';
    return { holds: defined === (condition.keyword === 'ifdef'), depends: [...new Set(depends)] };
  }
  const [left, right] = condition.operands.map((side) => evaluateMake(side, variables));
  const equal = left!.text === right!.text;
  return { holds: equal === (condition.keyword === 'ifeq'), depends: [...new Set([...left!.depends, ...right!.depends])] };
}

/** The line without a `#` comment (a `\#` is a literal `#`). */
function withoutComment(line: string): string {
  const at = line.search(/(?<!\\)#/);
  return at < 0 ? line : line.slice(0, at);
}
