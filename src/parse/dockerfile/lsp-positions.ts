/**
 * The two functions of vscode-languageserver-types that dockerfile-ast calls, Position.create
 * and Range.create, with the same results and the same error. The CLI bundle takes them in
 * place of the package (see tools/bundle-cli.mjs), whose module body, about fifty namespaces,
 * took a start near a millisecond to run for these two. A test checks that dockerfile-ast
 * calls nothing else and that both agree with the package.
 */
const MAX_UINTEGER = 2147483647;

interface LspPosition {
  line: number;
  character: number;
}

const isUinteger = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= MAX_UINTEGER;

const isPosition = (value: unknown): value is LspPosition =>
  value !== null && typeof value === 'object' && isUinteger((value as LspPosition).line) && isUinteger((value as LspPosition).character);

export const Position = {
  create(line: number, character: number): LspPosition {
    return { line: line === Number.MAX_VALUE ? MAX_UINTEGER : line, character: character === Number.MAX_VALUE ? MAX_UINTEGER : character };
  },
};

export const Range = {
  create(one: unknown, two: unknown, three?: unknown, four?: unknown): { start: LspPosition; end: LspPosition } {
    if (isUinteger(one) && isUinteger(two) && isUinteger(three) && isUinteger(four)) {
      return { start: Position.create(one, two), end: Position.create(three, four) };
    }
    if (isPosition(one) && isPosition(two)) return { start: one, end: two };
    throw new Error(`Range#create called with invalid arguments[${String(one)}, ${String(two)}, ${String(three)}, ${String(four)}]`);
  },
};
