/** Something a person typed wrong on the command line: one line on stderr, exit 2. */
export class UsageError extends Error {}
