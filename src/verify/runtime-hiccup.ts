/**
 * Failures of the container runtime that say nothing about the build: the same
 * build run again passes. runc 1.1 (Debian 12's) copies itself into a sealed
 * memfd for every container it starts, and the kernel refuses the seal with
 * EBUSY while pages of the copy are still pinned, now and then, under load.
 */
const HICCUPS: readonly RegExp[] = [/sealing memfd copy: Device or resource busy/];

/** The runtime's complaint when `line` is one of them. */
export function runtimeHiccup(line: string): string | undefined {
  return HICCUPS.some((re) => re.test(line)) ? line.trim() : undefined;
}
