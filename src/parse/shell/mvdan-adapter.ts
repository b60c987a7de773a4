import { MigrateError } from '../../errors.js';
import type {
  Assign,
  Command,
  Comment,
  ParamExpansion,
  Redirect,
  ShellScript,
  Span,
  Stmt,
  Word,
  WordPart,
} from './ast.js';
import { decodeAnsiC } from './ansi-c.js';
import { buildOffsetMap, type OffsetMap } from './byte-offsets.js';
import { LineIndex } from './line-index.js';
import { makeWord } from './word-parts.js';
import { mvdanSh } from './load-mvdan.js';
import { tooDeep } from './too-deep.js';

// mvdan-sh is compiled from Go; its nodes are loosely typed objects. This file is the only
// place that touches them.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Raw = any;

/** Parses bash with mvdan-sh, the full parser. Throws MigrateError. */
export function parseWithMvdan(text: string, file: string): ShellScript {
  const offsets = buildOffsetMap(text);
  let raw = parseRaw(text, file, offsets);
  // mvdan-sh reads a backslash that ends a comment as a line continuation, so the next line
  // joins the command before the comment; bash ends the comment at the line's end. Parsed
  // again with those backslashes read as spaces (same length, so every position holds).
  // Each walk costs about a fifth of the parse: none without a `#` line that ends in a backslash.
  for (let read = text, pass = 0; pass < 8 && COMMENT_BACKSLASH.test(read); pass++) {
    const patched = withoutCommentContinuations(read, raw, offsets);
    if (patched === read) break;
    raw = parseRaw((read = patched), file, offsets);
  }
  try {
    return convert(raw, text, file, offsets);
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep(file);
    throw err;
  }
}

const COMMENT_BACKSLASH = /#[^\n]*\\\r?\n/;

function parseRaw(text: string, file: string, offsets: OffsetMap): Raw {
  const syntax = mvdanSh().syntax;
  const parser = syntax.NewParser(syntax.KeepComments(true), syntax.Variant(syntax.LangBash));
  try {
    return parser.Parse(text, file);
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep(file);
    throw toSyntaxError(err, file, offsets);
  }
}

/** The text with the backslash of each comment that mvdan-sh ran on into the next line made a space. */
function withoutCommentContinuations(text: string, raw: Raw, offsets: OffsetMap): string {
  const syntax = mvdanSh().syntax;
  const backslashes: number[] = [];
  syntax.Walk(raw, (node: Raw) => {
    if (node && syntax.NodeType(node) === 'Comment' && /\\\r?\n$/.test(node.Text)) {
      backslashes.push(text.lastIndexOf('\\', offsets.toIndex(node.End().Offset()) - 1));
    }
    return true;
  });
  let out = text;
  for (const at of backslashes) if (at >= 0) out = `${out.slice(0, at)} ${out.slice(at + 1)}`;
  return out;
}

function convert(raw: Raw, text: string, file: string, offsets: OffsetMap): ShellScript {
  const syntax = mvdanSh().syntax;
  const converter = new Converter(text, offsets);
  const comments: Comment[] = [];
  syntax.Walk(raw, (node: Raw) => {
    if (node && syntax.NodeType(node) === 'Comment') comments.push(converter.span(node));
    return true;
  });
  comments.sort((a, b) => a.start - b.start);
  return { file, text, stmts: converter.stmts(raw.Stmts), comments, lines: new LineIndex(text) };
}

function toSyntaxError(err: Raw, file: string, offsets: OffsetMap): Error {
  if (err && typeof err.Error === 'function' && err.Pos) {
    const index = offsets.toIndex(err.Pos.Offset());
    const message = String(err.Text ?? err.Error()).trim();
    return new MigrateError(message, { file, line: offsets.lineOf(index), column: offsets.columnOf(index) });
  }
  if (err && typeof err.Error === 'function') return new MigrateError(String(err.Error()), { file, line: 1 });
  return new MigrateError(`could not parse the script (${String(err)})`, { file, line: 1 });
}

class Converter {
  private readonly syntax = mvdanSh().syntax;

  constructor(
    private readonly text: string,
    private readonly offsets: OffsetMap,
  ) {}

  span(node: Raw): Span {
    return this.spanOf(node.Pos(), node.End());
  }

  spanOf(from: Raw, to: Raw): Span {
    return { start: this.offsets.toIndex(from.Offset()), end: this.offsets.toIndex(to.Offset()) };
  }

  stmts(list: Raw[] | null | undefined): Stmt[] {
    const out: Stmt[] = [];
    for (const raw of list ?? []) if (raw) out.push(this.stmt(raw));
    return out;
  }

  stmt(raw: Raw): Stmt {
    const { start, end } = this.span(raw);
    return {
      start,
      end,
      cmd: raw.Cmd ? this.command(raw.Cmd) : { type: 'other', start, end, kind: 'empty' },
      redirects: (raw.Redirs ?? []).filter(Boolean).map((r: Raw) => this.redirect(r)),
      background: Boolean(raw.Background),
      negated: Boolean(raw.Negated),
    };
  }

  redirect(raw: Raw): Redirect {
    const span = this.span(raw);
    const opStart = this.offsets.toIndex(raw.OpPos.Offset());
    const opEnd = raw.Word ? this.offsets.toIndex(raw.Word.Pos().Offset()) : span.end;
    return { op: this.text.slice(opStart, opEnd).trim(), target: raw.Word ? this.word(raw.Word) : null, ...span };
  }

  command(raw: Raw): Command {
    const span = this.span(raw);
    switch (this.syntax.NodeType(raw)) {
      case 'CallExpr':
        return { type: 'call', ...span, assigns: this.assigns(raw.Assigns), args: this.words(raw.Args) };
      case 'BinaryCmd':
        return { type: 'binary', ...span, op: this.binaryOp(raw), left: this.stmt(raw.X), right: this.stmt(raw.Y) };
      case 'IfClause':
        return this.ifCommand(raw);
      case 'Block':
        return { type: 'block', ...span, stmts: this.stmts(raw.Stmts) };
      case 'Subshell':
        return { type: 'subshell', ...span, stmts: this.stmts(raw.Stmts) };
      case 'FuncDecl':
        return { type: 'function', ...span, name: raw.Name.Value, body: this.stmt(raw.Body) };
      case 'ForClause':
        return this.forCommand(raw);
      case 'WhileClause':
        return { type: 'while', ...span, cond: this.stmts(raw.Cond), body: this.stmts(raw.Do) };
      case 'CaseClause':
        return {
          type: 'case',
          ...span,
          word: this.word(raw.Word),
          items: (raw.Items ?? []).filter(Boolean).map((item: Raw) => ({
            patterns: this.words(item.Patterns),
            stmts: this.stmts(item.Stmts),
          })),
        };
      case 'TimeClause':
        return this.timed(raw, span);
      case 'DeclClause':
        return { type: 'declare', ...span, variant: raw.Variant?.Value ?? 'declare', assigns: this.assigns(raw.Args) };
      default:
        return { type: 'other', ...span, kind: this.syntax.NodeType(raw) };
    }
  }

  /**
   * `time docker build ...`: the timed command, as `time` changes nothing it does. One with
   * redirections or `!` of its own, or `time` alone, stays a construct the analysis does not look into.
   */
  timed(raw: Raw, span: Span): Command {
    const inner = raw.Stmt;
    if (!inner?.Cmd || (inner.Redirs ?? []).some(Boolean) || inner.Negated || inner.Background) return { type: 'other', ...span, kind: 'TimeClause' };
    return this.command(inner.Cmd);
  }

  binaryOp(raw: Raw): '&&' | '||' | '|' | '|&' {
    const at = this.offsets.toIndex(raw.OpPos.Offset());
    const two = this.text.slice(at, at + 2);
    if (two === '&&' || two === '||' || two === '|&') return two;
    return '|';
  }

  ifCommand(raw: Raw): Command {
    const span = this.span(raw);
    let elseStmts: Stmt[] = [];
    const next = raw.Else;
    if (next) {
      const hasCond = (next.Cond ?? []).some(Boolean);
      elseStmts = hasCond
        ? [{ ...this.span(next), cmd: this.ifCommand(next), redirects: [], background: false, negated: false }]
        : this.stmts(next.Then);
    }
    return { type: 'if', ...span, cond: this.stmts(raw.Cond), then: this.stmts(raw.Then), else: elseStmts };
  }

  forCommand(raw: Raw): Command {
    const span = this.span(raw);
    const loop = raw.Loop;
    const isWordIter = this.syntax.NodeType(loop) === 'WordIter';
    const items = isWordIter && loop.InPos.IsValid() ? this.words(loop.Items) : null;
    return { type: 'for', ...span, variable: isWordIter ? loop.Name.Value : null, items, body: this.stmts(raw.Do) };
  }

  assigns(list: Raw[] | null | undefined): Assign[] {
    const out: Assign[] = [];
    for (const raw of list ?? []) {
      if (!raw || !raw.Name) continue;
      out.push({
        ...this.span(raw),
        name: raw.Name.Value,
        append: Boolean(raw.Append),
        value: raw.Value ? this.word(raw.Value) : null,
        array: raw.Array ? (raw.Array.Elems ?? []).filter((e: Raw) => e && e.Value).map((e: Raw) => this.word(e.Value)) : null,
        naked: Boolean(raw.Naked),
      });
    }
    return out;
  }

  words(list: Raw[] | null | undefined): Word[] {
    const out: Word[] = [];
    for (const raw of list ?? []) if (raw) out.push(this.word(raw));
    return out;
  }

  word(raw: Raw): Word {
    const { start, end } = this.span(raw);
    return makeWord(start, end, (raw.Parts ?? []).map((p: Raw) => this.part(p)));
  }

  part(raw: Raw): WordPart {
    const span = this.span(raw);
    switch (this.syntax.NodeType(raw)) {
      case 'Lit':
        return { type: 'literal', value: raw.Value, ...span };
      case 'SglQuoted':
        return raw.Dollar
          ? { type: 'literal', value: decodeAnsiC(raw.Value), ...span }
          : { type: 'single-quoted', value: raw.Value, ...span };
      case 'DblQuoted':
        return { type: 'double-quoted', parts: (raw.Parts ?? []).map((p: Raw) => this.part(p)), ...span };
      case 'ParamExp':
        return this.param(raw, span);
      case 'CmdSubst':
        return { type: 'command-substitution', stmts: this.stmts(raw.Stmts), ...span };
      default:
        return { type: 'unsupported', kind: this.syntax.NodeType(raw), ...span };
    }
  }

  param(raw: Raw, span: Span): ParamExpansion {
    let operator: string | null = null;
    let operand: Word | null = null;
    if (raw.Exp) {
      const from = this.offsets.toIndex(raw.Param.End().Offset());
      const to = raw.Exp.Word ? this.offsets.toIndex(raw.Exp.Word.Pos().Offset()) : span.end - 1;
      operator = this.text.slice(from, to);
      operand = raw.Exp.Word ? this.word(raw.Exp.Word) : null;
    }
    const index = raw.Index ? this.text.slice(this.span(raw.Index).start, this.span(raw.Index).end) : null;
    return {
      type: 'param',
      ...span,
      name: raw.Param?.Value ?? '',
      length: Boolean(raw.Length),
      index,
      operator,
      operand,
      complex: Boolean(raw.Slice || raw.Repl || raw.Excl || raw.Width || raw.Names),
    };
  }
}
