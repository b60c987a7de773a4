/** Commands that change no file and no variable: they report, test, compute or end the script. */
export const QUIET_COMMANDS: readonly string[] = ['echo', 'printf', 'test', '[', 'TestClause', 'ArithmCmd', 'LetClause', 'exit'];
