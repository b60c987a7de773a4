// Runs migrate() on the repos it is sent, in a worker thread that the fuzz test can end when
// a case does not finish in time. Uses the built library (npm run build).
import { parentPort } from 'node:worker_threads';
import { memoryRepo, migrate, MigrateError } from '../../dist/index.js';

parentPort.on('message', ({ id, files, script }) => {
  try {
    const result = migrate(memoryRepo(files), script === undefined ? {} : { script });
    parentPort.postMessage({ id, outcome: 'ok', detail: result.report.status });
  } catch (err) {
    const crash = !(err instanceof MigrateError);
    parentPort.postMessage({ id, outcome: crash ? 'crash' : 'error', detail: crash ? String(err?.stack ?? err) : err.message });
  }
});
