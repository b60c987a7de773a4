import { Worker } from 'node:worker_threads';
import type { FuzzRepo } from './fuzz-inputs.js';

export interface CaseResult {
  /** unsettled: a second run on the migrated repo found more to do; invalid-report: the report breaks its schema. */
  outcome: 'ok' | 'error' | 'crash' | 'hang' | 'unsettled' | 'invalid-report' | 'leak';
  detail: string;
}

/**
 * migrate() in a worker thread, one case at a time, each bounded: a case that runs longer
 * than `timeoutMs` is a hang, and the worker is ended and replaced.
 */
export class MigrateWorker {
  private worker = this.spawn();
  private next = 0;

  constructor(private readonly timeoutMs: number) {}

  run(repo: FuzzRepo): Promise<CaseResult> {
    const id = this.next++;
    const worker = this.worker;
    return new Promise((resolve) => {
      const finish = (result: CaseResult, replace: boolean) => {
        clearTimeout(timer);
        worker.removeListener('message', onMessage).removeListener('error', onError);
        if (replace) {
          void worker.terminate();
          this.worker = this.spawn();
        }
        resolve(result);
      };
      const timer = setTimeout(() => finish({ outcome: 'hang', detail: `no answer after ${this.timeoutMs} ms` }, true), this.timeoutMs);
      const onMessage = (message: { id: number } & CaseResult) => {
        if (message.id === id) finish({ outcome: message.outcome, detail: message.detail }, false);
      };
      // Out of memory or of stack in the worker itself: a crash of this case.
      const onError = (err: Error) => finish({ outcome: 'crash', detail: `worker died: ${err.message}` }, true);
      worker.on('message', onMessage).on('error', onError);
      worker.postMessage({ id, files: repo.files, script: repo.script });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./fuzz-worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 512, stackSizeMb: 4 } });
    worker.unref();
    return worker;
  }
}
