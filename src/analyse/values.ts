import type { SourceLocation } from '../errors.js';

/**
 * Values the interpreter computes are plain strings. Two private-use characters mark what is
 * not a literal: REPO_ROOT stands for the repo folder (so `$(pwd)/bin` stays comparable),
 * and OPAQUE-delimited ids stand for values only known when the script runs (`$(git
 * rev-parse HEAD)`, a container id). Equal strings mean equal values at run time.
 */
export const REPO_ROOT = '\uE000';
const OPAQUE = '\uE001';
const OPAQUE_TOKEN = /\uE001(\d+)\uE001/g;

export type OpaqueKind = 'unknown' | 'container';

export interface OpaqueValue {
  kind: OpaqueKind;
  /** The user's words for it: `$(git rev-parse --short HEAD)`, `$VERSION`. */
  text: string;
  at: SourceLocation;
  /** For containers: which `docker create` or `docker run` made it. */
  containerId?: number;
  /** For `$(docker build -q ...)`: the build whose image id it is. */
  build?: unknown;
}

export class ValueTable {
  private readonly opaques: OpaqueValue[] = [];
  private readonly byKey = new Map<string, string>();

  /** A new opaque value; with `key`, the same key gives the same value (one `$HOME`). */
  opaque(value: OpaqueValue, key?: string): string {
    if (key !== undefined) {
      const known = this.byKey.get(key);
      if (known !== undefined) return known;
    }
    this.opaques.push(value);
    const token = `${OPAQUE}${this.opaques.length - 1}${OPAQUE}`;
    if (key !== undefined) this.byKey.set(key, token);
    return token;
  }

  /** The opaque value a whole string stands for, when it is exactly one token. */
  whole(value: string): OpaqueValue | undefined {
    const match = /^\uE001(\d+)\uE001$/.exec(value);
    return match ? this.opaques[Number(match[1])] : undefined;
  }

  /** The first opaque part of a value, to name it in a message. */
  firstOpaque(value: string): OpaqueValue | undefined {
    const match = /\uE001(\d+)\uE001/.exec(value);
    return match ? this.opaques[Number(match[1])] : undefined;
  }

  /** The value in the user's terms: opaque parts as they wrote them, the repo as `.`. */
  describe(value: string): string {
    return value
      .replace(OPAQUE_TOKEN, (_, id: string) => this.opaques[Number(id)]?.text ?? '?')
      .replace(new RegExp(`^${REPO_ROOT}/?`), './')
      .replaceAll(REPO_ROOT, '.');
  }
}

export function isStatic(value: string): boolean {
  return !value.includes(OPAQUE);
}

/** `$HOME/.m2`, `"$OUT"/app`: a value whose start is known only at run time. */
export function startsUnknown(value: string): boolean {
  return value.startsWith(OPAQUE);
}

/** The known parts of a value, around its unknown ones (`$OUT/app` -> ['', '/app']). */
export function knownParts(value: string): string[] {
  return value.split(OPAQUE_TOKEN_SPLIT);
}

const OPAQUE_TOKEN_SPLIT = /\uE001\d+\uE001/;
