// One sample of the scaling bench, in a process of its own: migrates one generated repo (with
// `branches`, an `if` every four lines) until V8 has settled on it, then prints the median ms
// a run costs, collections included. Run by bench/run.mjs.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { largeRepo } from './corpus.mjs';
import { warmMedian } from './measure.mjs';

const [lines, instructions, runs] = process.argv.slice(2, 5).map(Number);
const branches = process.argv[5] === 'branches';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
const files = largeRepo(lines, instructions, branches);
const run = () => lib.migrate(lib.memoryRepo(files));
process.stdout.write(`${warmMedian(run, runs)}\n`);
