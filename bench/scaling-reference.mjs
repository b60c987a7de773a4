// One sample of the scaling bench's reference, in a process of its own: TypeScript's parser on
// a JavaScript file of the same four kinds of line as the scaling script (a comment, an
// assignment, a print of a variable, a test that exits), warmed up and timed as
// scaling-sample.mjs times migrate(). A parser that builds a tree of objects on the same
// machine and Node: how it scales tells what the heap does to any such parser.
import { createRequire } from 'node:module';
import { warmMedian } from './measure.mjs';

const ts = createRequire(import.meta.url)('typescript');
const [lines, runs] = process.argv.slice(2).map(Number);
const source = [];
for (let i = 0; source.length < lines; i++) {
  source.push(i % 4 === 0 ? `// step ${i}` : i % 4 === 1 ? `const STEP_${i} = "value ${i}";` : i % 4 === 2 ? `console.log(\`step ${i}: \${STEP_${i - 1}}\`);` : `if (!STEP_${i - 2}) process.exit(1);`);
}
const text = source.join('\n');
const run = () => ts.createSourceFile('build.js', text, ts.ScriptTarget.Latest, false);
process.stdout.write(`${warmMedian(run, runs)}\n`);
