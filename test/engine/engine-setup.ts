/** What the global setup hands to engine tests, and how they reach it. */
export type EngineSetup =
  | { ready: true; podman: string; root: string; env: Record<string, string> }
  | { ready: false; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    engineSetup: EngineSetup;
  }
}
