/**
 * Commands that read the files they name and make none there (what they print, redirected into
 * a file, is a write of its own). Any other command may make a file it names: `ln -s app
 * bin/current`, `touch bin/.keep`, `tar -czf bin/app.tgz`.
 */
export const READING_COMMANDS: ReadonlySet<string> = new Set([
  'ls', 'cat', 'file', 'du', 'stat', 'wc', 'head', 'tail', 'grep', 'diff', 'cmp', 'tree',
  'md5sum', 'sha1sum', 'sha256sum', 'sha512sum', 'ldd', 'readelf', 'objdump', 'nm',
  'echo', 'printf', 'test', '[', '[[', 'readlink', 'realpath', 'basename', 'dirname',
]);
