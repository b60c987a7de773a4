/**
 * Ctrl-C during verification must still remove the temporary images, containers
 * and folders. While `fn` runs, SIGINT/SIGTERM abort it instead of ending the
 * process; after its cleanup the signal is raised again so the process ends as
 * the user asked. A second signal ends the process at once.
 */
export async function withSignalAbort<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  raise: (sig: NodeJS.Signals) => void = (sig) => process.kill(process.pid, sig),
): Promise<T> {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    received = sig;
    remove();
    controller.abort();
  };
  const remove = (): void => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(controller.signal);
  } finally {
    remove();
    if (received !== undefined) raise(received);
  }
}
