import type { Redirect, ShellScript, Span } from '../parse/shell/ast.js';
import { heredocBody } from '../parse/shell/fast/heredoc.js';
import type { BuildEvent, ScriptEvent } from './events.js';

/**
 * `docker build - < Dockerfile.build` (the Dockerfile is the whole input: the build has no
 * context) and `docker build -f - . < Dockerfile.build`: a build whose Dockerfile is a file of
 * the repo fed on stdin reads that file as its Dockerfile. The build takes the path; a build
 * with no context is marked so that the plan can refuse a Dockerfile that reads one.
 * `feed`: the text that feeds it; `via`: the command that fed the file (`cat Dockerfile.build |`).
 * A here-document (`docker build -t app-build - <<'EOF'`) feeds `hereDocument`, and `path` is
 * the script's. Returns whether the build took it.
 */
export function takeStdinDockerfile(build: BuildEvent, path: string, feed: Span, via: ScriptEvent[] = [], hereDocument?: HereDocument): boolean {
  if (build.stdin) return false;
  const embedded = hereDocument ? { hereDocument } : {};
  // With `-f`, what comes on stdin is the context, as an archive (a tar, maybe compressed).
  if (build.context === '-' && build.dockerfile === null) {
    // A plain-text input is the Dockerfile (an archive there is the plan's to refuse).
    build.stdin = { path, noContext: true, via, feed, ...embedded };
    build.dockerfile = path;
    build.context = build.cwd;
    return true;
  }
  if (build.dockerfile === '-') {
    build.stdin = { path, noContext: false, via, feed, ...embedded };
    build.dockerfile = path;
    return true;
  }
  return false;
}

/**
 * A Dockerfile written in the script: its text, or why it is not read as it reaches docker.
 * `values`: the script's variables the shell put into the text (`FROM golang:$GO_VERSION`).
 */
export type HereDocument = { text: string; values: ScriptValue[] } | { problem: string };

/** A variable of the script as the text took it. */
export interface ScriptValue {
  name: string;
  value: string;
}

/** A variable's value for a here-document's text: the script's own, or why it cannot be written in. */
export type VariableRead = { value: string } | { problem: string };

/** A here-document Dockerfile's own text, without the blank lines that stand for the script's lines before it. */
export function withoutPadding(text: string): string {
  return text.replace(/^\n+/, '');
}

/**
 * The Dockerfile a here-document feeds a build: its text, with as many blank lines before it
 * as the script has lines before its body, so that its instructions are on the script's lines.
 */
export function hereDocumentDockerfile(script: ShellScript, redirect: Redirect, variable: (name: string) => VariableRead): HereDocument {
  const word = script.text.slice(redirect.target!.start, redirect.target!.end);
  const stripTabs = redirect.op.endsWith('-');
  const unquoted = !/['"]/.test(word);
  // Read as if quoted: an expansion in the body is this function's to tell of.
  const body = script.origin ? null : heredocBody(script.text, redirect.target!.end, unquoted ? `'${word}'` : word, stripTabs);
  // More on the operator's line (`<<EOF && echo built`) would sit inside the statement's span, before the body.
  if (body === null || /\S/.test(script.text.slice(redirect.target!.end, body.lineEnd))) {
    return { problem: 'its here-document is not one read here (a delimiter quoted in part, more after it on its line, a carriage return, or in a Makefile)' };
  }
  const closing = script.text.lastIndexOf('\n', body.end - 1) + 1;
  let text = body.lineEnd + 1 >= closing ? '' : script.text.slice(body.lineEnd + 1, closing);
  if (stripTabs) text = text.replace(/^\t+/gm, '');
  const values: ScriptValue[] = [];
  if (unquoted) {
    const expanded = expandedText(text, variable, values);
    if ('problem' in expanded) return expanded;
    text = expanded.text;
  }
  // Docker reads parser directives at the top of the file only: after the blank lines they would be comments.
  if (/^#[ \t]*(syntax|escape|check)[ \t]*=/i.test(text)) return { problem: 'its here-document begins with a parser directive (# syntax=, # escape=, # check=)' };
  return { text: '\n'.repeat(script.lines.line(body.lineEnd + 1) - 1) + text, values };
}

const VARIABLE = /\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})/g;

/**
 * The text of a here-document with an unquoted delimiter, as the shell gives it to docker:
 * `$NAME` and `${NAME}` take the script's values. Any other expansion, a backquote, and a
 * backslash before `$`, `` ` ``, `\` or a line break (an escape) are not read here. `\n` stays.
 */
function expandedText(text: string, variable: (name: string) => VariableRead, values: ScriptValue[]): { text: string } | { problem: string } {
  if (/`|\\[$`\\\n]/.test(text) || /\$(?![A-Za-z_]|\{[A-Za-z_][A-Za-z0-9_]*\})/.test(text)) {
    return { problem: 'its here-document has an unquoted delimiter and a backquote, an escaping \\ or an expansion other than $NAME or ${NAME} in it, so docker reads the text as the shell expands it when the script runs' };
  }
  const problems: string[] = [];
  const out = text.replace(VARIABLE, (written, plain?: string, braced?: string) => {
    const name = (plain ?? braced)!;
    const read = variable(name);
    if ('problem' in read) problems.push(`its here-document's ${written} ${read.problem}`);
    else if (read.value.includes('\n')) problems.push(`its here-document's ${written} holds a line break, which moves the lines after it`);
    else {
      if (!values.some((v) => v.name === name)) values.push({ name, value: read.value });
      return read.value;
    }
    return written;
  });
  return problems.length === 0 ? { text: out } : { problem: problems[0]! };
}
