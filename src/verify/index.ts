export { verifyRepo, type VerifyOptions, type VerifyResult } from './verify.js';
export { detectEngine, type Engine, type EngineKind, type DetectOptions } from './engine.js';
export { VerifyError } from './errors.js';
export { writePodmanEnv, preparePodmanEnv, removePodmanEnv, type PodmanEnv, type PodmanEnvOptions } from './podman-env.js';
export { compareSnapshots, type SnapshotData } from './compare.js';
export { snapshotImage, type Snapshot } from './snapshot.js';
export { runFlow, type FlowOptions, type FlowResult } from './flow.js';
export type { TarEntry, EntryType } from './tar-reader.js';
export type { ImageConfig } from './image-config.js';
