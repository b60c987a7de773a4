import type { ParamExpansion, Span, Stmt, Word, WordPart } from '../parse/shell/ast.js';
import { partAt, partCount } from '../parse/shell/word-parts.js';
import { shellPattern } from './shell-pattern.js';
import { type ValueTable } from './values.js';

/** What word expansion needs from the interpreter. */
export interface ExpansionScope {
  readonly values: ValueTable;
  /** A variable's value as the script set it; undefined when the script never set it. */
  lookup(name: string): string | string[] | undefined;
  assign(name: string, value: string): void;
  positional(): string[];
  /** `$0`, `$PWD`, `$#`, ... or undefined when `name` is not special. */
  special(name: string, index: string | null): string | string[] | undefined;
  /** A value only the environment knows: one opaque value per name. */
  fromEnvironment(name: string, span: Span): string;
  /**
   * `${X:-default}` with X not set by the script: note that the default was assumed, and whether
   * `:=` set X to it. For `${X:+word}`, the value is '' and `ifSet` the word's text (null when
   * it holds expansions).
   */
  assumeDefault(name: string, value: string, span: Span, assigned: boolean, ifSet?: string | null): void;
  /** The output of `$(...)`. */
  substitute(stmts: Stmt[], span: Span): string;
  /** An expansion the analysis cannot follow. */
  unknown(span: Span): string;
}

/** Expands a word as the shell would, into fields (word splitting on unquoted expansions). */
export function expandFields(word: Word, scope: ExpansionScope): string[] {
  // `app{-1.0,}.jar` is two words to bash and one to sh: which, only the shell that runs it knows.
  if (hasBraceExpansion(word)) return [scope.unknown(word)];
  const builder = new FieldBuilder();
  for (let i = 0; i < partCount(word); i++) {
    const part = partAt(word, i);
    // `~/out`: the home folder, known only when the script runs.
    if (i === 0 && part.type === 'literal' && part.value.charCodeAt(0) === 126 && /^~(\/|$)/.test(part.value)) {
      builder.append(scope.fromEnvironment('HOME', part));
      expandPart({ ...part, value: part.value.slice(1) }, scope, builder, false);
    } else expandPart(part, scope, builder, false);
  }
  return builder.finish();
}

const BRACES = /\{[^{}\s]*(,|\.\.)[^{}\s]*\}/;

function hasBraceExpansion(word: Word): boolean {
  for (let i = 0; i < partCount(word); i++) {
    const part = partAt(word, i);
    if (part.type === 'literal' && part.value.includes('{') && BRACES.test(part.value)) return true;
  }
  return false;
}

/** Expands a word where the shell does no splitting (assignments, `case` words). */
export function expandToString(word: Word, scope: ExpansionScope): string {
  const builder = new FieldBuilder();
  for (let i = 0; i < partCount(word); i++) expandPart(partAt(word, i), scope, builder, true);
  return builder.finish().join(' ');
}

class FieldBuilder {
  /** Fields before the current one; most words make a single field, and then no list is kept. */
  private fields: string[] | null = null;
  private current = '';
  private started = false;

  append(text: string): void {
    this.current += text;
    this.started = true;
  }

  /** An unquoted expansion: its white space separates fields. */
  appendSplitting(text: string): void {
    const pieces = text.split(/[ \t\n]+/);
    pieces.forEach((piece, i) => {
      if (i > 0) this.endField();
      if (piece !== '') this.append(piece);
    });
  }

  endField(): void {
    if (this.started) (this.fields ??= []).push(this.current);
    this.current = '';
    this.started = false;
  }

  finish(): string[] {
    if (this.fields === null) return this.started ? [this.current] : [];
    this.endField();
    return this.fields;
  }
}

function expandPart(part: WordPart, scope: ExpansionScope, out: FieldBuilder, quoted: boolean): void {
  switch (part.type) {
    case 'literal':
      out.append(quoted ? part.value : unescapeLiteral(part.value));
      return;
    case 'single-quoted':
      out.append(part.value);
      return;
    case 'double-quoted':
      // "$@" with no arguments is no field at all.
      if (part.parts.length === 1 && part.parts[0]!.type === 'param' && part.parts[0]!.name === '@' && scope.positional().length === 0) return;
      out.append('');
      for (const inner of part.parts) expandQuotedPart(inner, scope, out);
      return;
    case 'param': {
      const value = expandParam(part, scope);
      const text = Array.isArray(value) ? value.join(' ') : value;
      if (quoted) out.append(text);
      else out.appendSplitting(text);
      return;
    }
    case 'command-substitution': {
      const text = scope.substitute(part.stmts, part).replace(/\n+$/, '');
      if (quoted) out.append(text);
      else out.appendSplitting(text);
      return;
    }
    case 'unsupported':
      out.append(scope.unknown(part));
      return;
  }
}

function expandQuotedPart(part: WordPart, scope: ExpansionScope, out: FieldBuilder): void {
  if (part.type === 'param' && (part.name === '@' || (part.index === '@' && !part.length)) && !part.operator) {
    // "$@" and "${a[@]}" keep one field per element.
    const value = expandParam(part, scope);
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => {
      if (i > 0) out.endField();
      out.append(item);
    });
    return;
  }
  if (part.type === 'literal') {
    out.append(part.value.includes('\\') ? part.value.replace(/\\([$`"\\\n])/g, '$1') : part.value);
    return;
  }
  expandPart(part, scope, out, true);
}

function unescapeLiteral(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\\n/g, '').replace(/\\(.)/g, '$1');
}

function expandParam(part: ParamExpansion, scope: ExpansionScope): string | string[] {
  if (part.complex) return scope.unknown(part);
  const special = scope.special(part.name, part.index);
  const assigned = special ?? lookupIndexed(part, scope);
  if (part.length) {
    const text = Array.isArray(assigned) ? assigned.join(' ') : assigned;
    return text !== undefined && !/\uE001/.test(text) ? String(text.length) : scope.unknown(part);
  }
  if (part.operator === null) return assigned ?? scope.fromEnvironment(part.name, part);
  return applyOperator(part, assigned, scope);
}

function lookupIndexed(part: ParamExpansion, scope: ExpansionScope): string | string[] | undefined {
  const value = scope.lookup(part.name);
  if (part.index === null || value === undefined) return Array.isArray(value) ? value[0] : value;
  const items = Array.isArray(value) ? value : [value];
  if (part.index === '@' || part.index === '*') return items;
  const index = Number(part.index);
  return Number.isInteger(index) ? items[index] ?? '' : scope.unknown(part);
}

function applyOperator(part: ParamExpansion, assigned: string | string[] | undefined, scope: ExpansionScope): string {
  const op = part.operator ?? '';
  const value = Array.isArray(assigned) ? assigned.join(' ') : assigned;
  const operand = (): string => (part.operand ? expandToString(part.operand, scope) : '');
  const colon = op.startsWith(':');
  const isSet = value !== undefined && (!colon || value !== '');
  switch (op.replace(/^:/, '')) {
    case '-':
    case '=': {
      if (isSet) return value;
      const fallback = operand();
      if (op.endsWith('=')) scope.assign(part.name, fallback);
      if (value === undefined) scope.assumeDefault(part.name, fallback, part, op.endsWith('='));
      return fallback;
    }
    case '+':
      if (isSet) return operand();
      // `${DEBUG:+-debug}` read as unset: a run where DEBUG is set gives the word instead.
      if (value === undefined) scope.assumeDefault(part.name, '', part, false, part.operand ? plainText(part.operand) : '');
      return '';
    case '?':
      return isSet ? value : scope.fromEnvironment(part.name, part);
    default:
      // Pattern removal and case changes: follow them only for known values.
      return value !== undefined && !/\uE001/.test(value) ? trimPattern(op, value, operand()) ?? scope.unknown(part) : scope.unknown(part);
  }
}

/** The text of a word without expansions (`-debug`, `"-$x"` is not), or null: not expanded where it would not be. */
export function plainText(word: Word): string | null {
  let text = '';
  for (let i = 0; i < partCount(word); i++) {
    const part = partAt(word, i);
    if (part.type === 'literal') text += unescapeLiteral(part.value);
    else if (part.type === 'single-quoted') text += part.value;
    else if (part.type === 'double-quoted' && part.parts.every((inner) => inner.type === 'literal' && !inner.value.includes('\\'))) text += part.parts.map((inner) => (inner as { value: string }).value).join('');
    else return null;
  }
  return text;
}

/**
 * `${x#p}`, `${x##p}`, `${x%p}`, `${x%%p}`: shortest or longest prefix or suffix matching a
 * glob. Each length is tried, so a value past a few thousand characters is left unknown.
 */
function trimPattern(op: string, value: string, pattern: string): string | undefined {
  if (!['#', '##', '%', '%%'].includes(op) || value.length > MAX_TRIMMED) return undefined;
  const glob = shellPattern(pattern);
  const lengths = [...Array(value.length + 1).keys()];
  if (op === '##' || op === '%%') lengths.reverse();
  for (const n of lengths) {
    if (op.startsWith('#') && glob.test(value.slice(0, n))) return value.slice(n);
    if (op.startsWith('%') && glob.test(value.slice(value.length - n))) return value.slice(0, value.length - n);
  }
  return value;
}

const MAX_TRIMMED = 4096;
