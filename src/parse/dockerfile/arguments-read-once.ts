import { Instruction, type Argument } from 'dockerfile-ast';

/**
 * dockerfile-ast reads an instruction's arguments from its text each time any of them is asked
 * for: about five times an instruction while it parses (flags, JSON form, heredocs), and again
 * for each of our reads. Once parsed, an instruction's text never changes, so the first read is
 * kept and each caller gets its own copy (the flag-aware `getArguments` of COPY, RUN and others
 * shifts the list it gets). The words and ranges stay the library's own.
 */
const READ = Symbol('arguments read');
type Reading = Instruction & { [READ]?: Argument[] };
const readArguments = Instruction.prototype.getArguments;

// A property of the instruction, not a WeakMap: a WeakMap entry costs the collector more than the read it saves.
Instruction.prototype.getArguments = function getArgumentsOnce(this: Reading): Argument[] {
  const args = (this[READ] ??= readArguments.call(this));
  return args.slice();
};
