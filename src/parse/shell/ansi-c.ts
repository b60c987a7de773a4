/** `$'...'`: the escapes build scripts use; anything rarer stays as written. */
export function decodeAnsiC(value: string): string {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', e: '\x1b', a: '\x07' };
  return value.replace(/\\(.)/g, (whole, ch: string) => escapes[ch] ?? whole);
}
