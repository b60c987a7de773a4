// Runs migrate() on the repos it is sent, in a worker thread that the fuzz test can end when
// a case does not finish in time. Uses the built library (npm run build).
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { diffLines } from 'diff';
import { memoryRepo, migrate, MigrateError } from '../../dist/index.js';

// Every report, as --json prints it, must be one the published schema accepts.
const schema = JSON.parse(readFileSync(new URL('../../docs/report-schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

// A second run on what the migration wrote: there is nothing left to do.
const SETTLED = new Set(['already-multi-stage', 'no-builder-pattern']);

parentPort.on('message', ({ id, files, script }) => {
  const options = script === undefined ? {} : { script };
  let result;
  try {
    result = migrate(memoryRepo(files), options);
  } catch (err) {
    const crash = !(err instanceof MigrateError);
    // The message is printed as it is: it must not hold the analysis's marker either.
    const leak = !crash && MARKER.test(err.message) && !holdsMarker(files);
    parentPort.postMessage({ id, outcome: crash ? 'crash' : leak ? 'leak' : 'error', detail: crash ? String(err?.stack ?? err) : leak ? `the error holds a marker of a value not known: ${err.message}` : err.message });
    return;
  }
  if (!validate(JSON.parse(JSON.stringify(result.report)))) {
    parentPort.postMessage({ id, outcome: 'invalid-report', detail: `the report does not match docs/report-schema.json: ${validate.errors.map((e) => `${e.instancePath} ${e.message}`).join('; ')}` });
    return;
  }
  const leaked = markerLeak(files, result);
  if (leaked) {
    parentPort.postMessage({ id, outcome: 'leak', detail: leaked });
    return;
  }
  const second = result.report.status === 'migrated' ? secondRun(files, result.changes, options) : { outcome: 'ok', detail: result.report.status };
  parentPort.postMessage({ id, ...second });
});

// How the analysis marks a value only known when the script runs: never meant for output.
const MARKER = /\uE001\d+\uE001/;

/** Whether the input itself holds such a marker: then the output may too. */
function holdsMarker(files) {
  return Object.values(files).some((text) => MARKER.test(text));
}

/** Where the migration wrote such a marker (one the input did not hold), or null. */
function markerLeak(files, result) {
  if (holdsMarker(files)) return null;
  const change = result.changes.find((c) => c.after !== null && MARKER.test(c.after));
  if (change) return `${change.path} holds a marker of a value not known: ${JSON.stringify(change.after.match(new RegExp(`.{0,40}${MARKER.source}.{0,20}`))?.[0])}`;
  return MARKER.test(JSON.stringify(result.report)) ? 'the report holds a marker of a value not known' : null;
}

/**
 * Migrates the migrated repo again. It must have nothing left to do, and whatever it cannot
 * read must be text the migration left as it was: a mutated input may hold broken lines that
 * only the second run reads (a Makefile's other target), but a line the migration wrote must read.
 */
function secondRun(files, changes, options) {
  const after = applied(files, changes);
  try {
    const again = migrate(memoryRepo(after), options);
    if (SETTLED.has(again.report.status)) return { outcome: 'ok', detail: 'migrated' };
    // A refusal, like an error, may only stop on text the migration left as it was.
    const errors = again.report.warnings.filter((w) => w.severity === 'error');
    const onWritten = errors.find((w) => {
      if (w.line === null || w.line === undefined) return true;
      const change = changes.find((c) => c.path === w.file && c.after !== null);
      return change !== undefined && writtenLines(change.before ?? '', change.after).has(w.line);
    });
    if (again.report.status === 'refused' && errors.length > 0 && !onWritten) return { outcome: 'ok', detail: `migrated; the second run refuses text it left: ${errors[0].message}` };
    return { outcome: 'unsettled', detail: `second run: ${again.report.status}: ${again.report.message}` };
  } catch (err) {
    if (!(err instanceof MigrateError)) return { outcome: 'crash', detail: `second run: ${String(err?.stack ?? err)}` };
    const change = changes.find((c) => c.path === err.at?.file && c.after !== null);
    if (change && writtenLines(change.before ?? '', change.after).has(err.at.line)) return { outcome: 'unsettled', detail: `second run, on a line the migration wrote: ${err.message}` };
    return { outcome: 'ok', detail: `migrated; the second run stops on text it left: ${err.message}` };
  }
}

/** Line numbers, in the new text, of the lines a change added or altered. */
function writtenLines(before, after) {
  const lines = new Set();
  let line = 1;
  for (const part of diffLines(before, after)) {
    if (part.removed) continue;
    if (part.added) for (let i = 0; i < part.count; i++) lines.add(line + i);
    line += part.count;
  }
  return lines;
}

function applied(files, changes) {
  const out = { ...files };
  for (const change of changes) {
    if (change.after === null) delete out[change.path];
    else out[change.path] = change.after;
  }
  return out;
}
