/** A Makefile variable as make holds it while reading the file. */
export interface MakeVariable {
  /** Text make expands when the variable is used (`$$` for a literal `$`). */
  value: string;
  /** Set with `:=`: the value was expanded when it was set. */
  immediate: boolean;
  /** Set only with `?=`: the environment wins over this value. */
  fromEnvironmentFirst: boolean;
  /** Why the value may differ from this reading (environment, `$(shell ...)`), found when it was set. */
  depends: string[];
}

export type MakeVariables = Map<string, MakeVariable>;

/** A value make computes while reading, and what it depends on that is not in the repo. */
export interface MakeValue {
  text: string;
  /** Empty when the value is known from the Makefile alone. */
  depends: string[];
}

/** Make functions whose result follows from their arguments alone. */
const PURE: Record<string, (args: string[]) => string> = {
  strip: ([a = '']) => words(a).join(' '),
  findstring: ([find = '', inText = '']) => (inText.includes(find) ? find : ''),
  filter: ([patterns = '', text = '']) => words(text).filter((w) => words(patterns).some((p) => matches(p, w))).join(' '),
  'filter-out': ([patterns = '', text = '']) => words(text).filter((w) => !words(patterns).some((p) => matches(p, w))).join(' '),
  subst: ([from = '', to = '', text = '']) => (from === '' ? text : text.split(from).join(to)),
  firstword: ([a = '']) => words(a)[0] ?? '',
  words: ([a = '']) => String(words(a).length),
  sort: ([a = '']) => [...new Set(words(a))].sort().join(' '),
};

/** Functions whose one argument may hold commas. */
const ONE_ARGUMENT = new Set(['strip', 'firstword', 'words', 'sort']);

/** Make's `$` syntax: `$$` is `$`; `$(x)`, `${x}` and `$x` are references `replace` gives a value. */
export function replaceReferences(text: string, replace: (inner: string, braced: boolean) => string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '$' || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(' || next === '{') {
      const close = closingIndex(text, i + 1);
      out += replace(text.slice(i + 2, close), true);
      i = close;
    } else {
      out += replace(next, false);
      i++;
    }
  }
  return out;
}

/**
 * The value make gives `text` while reading the Makefile (in a conditional, an `include` name,
 * a `:=`), as make would with an empty environment: a variable the Makefile does not set is
 * empty and `$(shell ...)` gives nothing; both are named in `depends`.
 */
export function evaluateMake(text: string, variables: MakeVariables, trail: readonly string[] = []): MakeValue {
  const depends: string[] = [];
  const out = replaceReferences(text, (inner) => {
    const value = reference(inner, variables, trail);
    depends.push(...value.depends);
    return value.text;
  });
  return { text: out, depends: [...new Set(depends)] };
}

function reference(inner: string, variables: MakeVariables, trail: readonly string[]): MakeValue {
  const fn = /^([a-z-]+)[ \t]+([\s\S]*)$/.exec(inner);
  if (fn) return callFunction(fn[1]!, fn[2]!, variables, trail);
  const name = evaluateMake(inner, variables, trail);
  const found = variableValue(name.text, variables, trail);
  return { text: found.text, depends: [...name.depends, ...found.depends] };
}

/** A variable's value as make reads it, or empty when only the environment could set it. */
export function variableValue(name: string, variables: MakeVariables, trail: readonly string[] = []): MakeValue {
  // Make stops on a variable that refers to itself; so does the reading.
  if (trail.includes(name)) return { text: '', depends: [`${name} refers to itself`] };
  const found = variables.get(name);
  if (!found) return { text: '', depends: [`${name} is not set in the Makefile, so it comes from the environment`] };
  const own = found.fromEnvironmentFirst ? [`${name} is set with ?=, so the environment may set it instead`] : [];
  const value = evaluateMake(found.value, variables, [...trail, name]);
  return { text: value.text, depends: [...own, ...found.depends, ...value.depends] };
}

function callFunction(name: string, argText: string, variables: MakeVariables, trail: readonly string[]): MakeValue {
  if (name === 'shell') return { text: '', depends: [`$(shell ${argText.trim()}) is only known when make runs`] };
  const pure = PURE[name];
  if (name === 'if' || name === 'or' || name === 'and') return logic(name, splitArguments(argText), variables, trail);
  if (!pure) return { text: '', depends: [`$(${name} ...) is not evaluated by the tool`] };
  const parts = ONE_ARGUMENT.has(name) ? [argText] : splitArguments(argText);
  const args = parts.map((a) => evaluateMake(a, variables, trail));
  return { text: pure(args.map((a) => a.text)), depends: args.flatMap((a) => a.depends) };
}

/** `$(if c,then,else)`, `$(or ...)`, `$(and ...)`: arguments expand only as far as make gets. */
function logic(name: string, args: string[], variables: MakeVariables, trail: readonly string[]): MakeValue {
  const depends: string[] = [];
  const at = (k: number): string => {
    const value = evaluateMake(args[k] ?? '', variables, trail);
    depends.push(...value.depends);
    return value.text;
  };
  let text = '';
  if (name === 'if') {
    text = at(0).trim() !== '' ? at(1) : at(2);
  } else {
    for (let k = 0; k < args.length; k++) {
      text = at(k).trim();
      if ((name === 'or') === (text !== '')) break;
    }
  }
  return { text, depends };
}

/** Splits a function's arguments at the commas that are not inside parentheses. */
export function splitArguments(text: string): string[] {
  const out: string[] = [];
  let level = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(' || ch === '{') level++;
    else if (ch === ')' || ch === '}') level--;
    if (ch === ',' && level === 0) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out;
}

/** Index of the parenthesis or brace that closes the one at `open` (the last index when none). */
export function closingIndex(text: string, open: number): number {
  const closer = text[open] === '(' ? ')' : '}';
  let level = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === text[open]) level++;
    else if (text[i] === closer && --level === 0) return i;
  }
  return text.length - 1;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Make's `%` pattern: one `%` matches any run of characters. */
function matches(pattern: string, word: string): boolean {
  const at = pattern.indexOf('%');
  if (at < 0) return pattern === word;
  const [head, tail] = [pattern.slice(0, at), pattern.slice(at + 1)];
  return word.length >= head.length + tail.length && word.startsWith(head) && word.endsWith(tail);
}
