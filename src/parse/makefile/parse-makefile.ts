/**
 * The parts of a Makefile a builder-pattern migration needs: variables, rules, and each
 * recipe line with its place in the file. Conditionals (`ifeq`, `ifdef`) and `include` are
 * not followed; their lines are reported so the caller can say so.
 */
export interface Makefile {
  text: string;
  /** Start index of each physical line. */
  lineStarts: number[];
  variables: Map<string, { value: string; immediate: boolean }>;
  rules: MakeRule[];
  /** 1-based lines of constructs that are not followed. */
  unsupported: number[];
}

export interface MakeRule {
  targets: string[];
  prerequisites: string[];
  /** 1-based line of `target: prereqs`. */
  line: number;
  recipe: RecipeLine[];
}

export interface RecipeLine {
  /** 1-based first and last physical line (a recipe line may continue with `\`). */
  line: number;
  endLine: number;
  /** The command as make passes it to the shell: prefix (`@`, `-`, `+`) and tab removed. */
  command: string;
}

const ASSIGNMENT = /^(?:export\s+|override\s+)?([A-Za-z_][\w.-]*)\s*(\?=|:=|::=|\+=|=|!=)\s*(.*)$/;

export function parseMakefile(text: string): Makefile {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const lineStarts: number[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    lineStarts.push(at);
    at += line.length + 1;
  }
  const out: Makefile = { text, lineStarts, variables: new Map(), rules: [], unsupported: [] };
  let rule: MakeRule | null = null;
  for (let i = 0; i < lines.length; i++) {
    let end = i;
    while (end < lines.length - 1 && /\\$/.test(lines[end]!)) end++;
    const physical = lines.slice(i, end + 1);
    const first = physical[0]!;
    if (first.startsWith('\t') && rule) {
      rule.recipe.push({ line: i + 1, endLine: end + 1, command: recipeCommand(physical) });
    } else if (first.trim() === '' || first.trimStart().startsWith('#')) {
      // blank or comment: a rule's recipe may go on after it
    } else {
      rule = null;
      const logical = physical.map((l) => l.replace(/\\$/, '')).join(' ');
      const assignment = ASSIGNMENT.exec(logical.trim());
      if (/^\s*(ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|define|endef)\b/.test(logical)) out.unsupported.push(i + 1);
      else if (assignment) assign(out, assignment[1]!, assignment[2]!, assignment[3]!);
      else rule = addRule(out, logical, i + 1);
    }
    i = end;
  }
  return out;
}

function recipeCommand(physical: string[]): string {
  const joined = physical.map((l, k) => (k === 0 ? l.slice(1) : l.replace(/^\t/, ''))).join('\n');
  return joined.replace(/^[@+\-\s]*/, '');
}

function assign(out: Makefile, name: string, op: string, value: string): void {
  const before = out.variables.get(name);
  if (op === '?=' && before) return;
  if (op === '+=' && before) out.variables.set(name, { value: `${before.value} ${value}`, immediate: before.immediate });
  else out.variables.set(name, { value, immediate: op === ':=' || op === '::=' });
}

function addRule(out: Makefile, logical: string, line: number): MakeRule | null {
  const colon = logical.search(/:(?!=)/);
  if (colon < 0) {
    out.unsupported.push(line);
    return null;
  }
  const [head, inline] = logical.slice(colon + 1).replace(/^:/, '').split(';');
  const rule: MakeRule = {
    targets: logical.slice(0, colon).trim().split(/\s+/).filter(Boolean),
    prerequisites: (head ?? '').split('|')[0]!.trim().split(/\s+/).filter(Boolean),
    line,
    recipe: inline !== undefined && inline.trim() !== '' ? [{ line, endLine: line, command: inline.trim() }] : [],
  };
  if (rule.targets.every((t) => t.startsWith('.'))) return null; // .PHONY and friends
  out.rules.push(rule);
  return rule;
}
