import { describe, expect, it } from 'vitest';
import { runtimeHiccup } from './runtime-hiccup.js';

describe('runtimeHiccup', () => {
  it('knows runc failing to seal its own copy', () => {
    expect(runtimeHiccup('  Close_Fd sealing memfd copy: Device or resource busy')).toBe('Close_Fd sealing memfd copy: Device or resource busy');
  });

  it('leaves a failing build step alone', () => {
    expect(runtimeHiccup('Error: building at STEP "RUN go build -o clockd .": exit status 1')).toBeUndefined();
    expect(runtimeHiccup('cp: cannot stat /out/app: No such file or directory')).toBeUndefined();
  });
});
