import { describe, expect, it } from 'vitest';
import { withSignalAbort } from './signals.js';

describe('withSignalAbort', () => {
  it('aborts on SIGTERM, lets cleanup finish, then raises the signal again', async () => {
    const raised: string[] = [];
    const before = process.listenerCount('SIGTERM');
    const steps: string[] = [];
    await withSignalAbort(async (signal) => {
      expect(process.listenerCount('SIGTERM')).toBe(before + 1);
      process.emit('SIGTERM', 'SIGTERM');
      expect(signal.aborted).toBe(true);
      steps.push('cleanup');
    }, (sig) => raised.push(sig));
    expect(steps).toEqual(['cleanup']);
    expect(raised).toEqual(['SIGTERM']);
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('removes its handlers when done, also after an error', async () => {
    const before = process.listenerCount('SIGINT');
    await expect(withSignalAbort(() => Promise.reject(new Error('boom')), () => undefined)).rejects.toThrow('boom');
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
