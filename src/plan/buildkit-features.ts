import type { Plan } from './model.js';

/** Whether the merged file uses what only BuildKit builds: `COPY --chmod`, `RUN --mount`, a named build context. */
export function needsBuildKit(plan: Plan): boolean {
  return plan.builders.some((b) => b.namedContext) || usesBuildKitSteps(plan) || passesBuildKitFlags(plan);
}

/** `--secret` or `--ssh` moved from the builder build: the classic builder refuses them. */
export function passesBuildKitFlags(plan: Plan): boolean {
  return [plan.addedFlags, ...plan.targets.map((t) => t.addedFlags)].some((flags) => flags.some((f) => f.name === '--secret' || f.name === '--ssh'));
}

/** `COPY --chmod` the migration wrote, `RUN --mount` in a builder stage (its own, or one it added), or a `# syntax=` it took from one. */
export function usesBuildKitSteps(plan: Plan): boolean {
  return plan.syntax !== undefined || plan.builders.some((b) => b.steps.some((s) => s.kind === 'text' && s.text.startsWith('RUN --mount='))
    || (b.dockerfile?.instructions.some((i) => i.keyword === 'RUN' && i.flags.some((f) => f.name === 'mount')) ?? false))
    || [plan.rewrites, ...plan.targets.map((t) => t.rewrites)].some((rewrites) => rewrites.some((r) => r.lines.some((l) => l.chmod)));
}
