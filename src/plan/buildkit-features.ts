import type { Plan } from './model.js';

/** Whether the merged file uses what only BuildKit builds: `COPY --chmod`, `RUN --mount`, a named build context. */
export function needsBuildKit(plan: Plan): boolean {
  return plan.builders.some((b) => b.namedContext || b.steps.some((s) => s.kind === 'text' && s.text.startsWith('RUN --mount=')))
    || [plan.rewrites, ...plan.targets.map((t) => t.rewrites)].some((rewrites) => rewrites.some((r) => r.lines.some((l) => l.chmod)));
}
