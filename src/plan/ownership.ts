import type { DockerfileModel } from '../parse/dockerfile/model.js';
import { ARCHIVE } from './copy-mapping.js';
import type { BuilderPlan } from './model.js';

const ROOT_USERS = new Set(['root', '0', 'root:root', '0:0', 'root:0', '0:root']);

/** `su-exec node ...`, `gosu app ...`, `runuser -u builder -- ...`, `su -c ... app`, `sudo -u app ...`, `setpriv --reuid=1000`. */
const OTHER_USER = /(?:^|[\s;&|(])(?:su-exec|gosu|chroot\s+--userspec|setpriv\s+[^\n]*--reuid|runuser|su\s|sudo\s+(?:-\S+\s+)*-u\s)/;

/**
 * Whether files in the builder stage may be owned by someone other than root. The legacy flow
 * gave every copied file 0:0 (docker cp to the host, then COPY); COPY --from keeps the
 * builder's owner, so a builder that may leave other owners needs `--chown=0:0`.
 * Returns the reasons, in the user's terms; none means root owns what the builder made.
 */
export function nonRootOwnershipReasons(dockerfile: DockerfileModel, stageIndex: number): string[] {
  const reasons: string[] = [];
  for (const index of stageChain(dockerfile, stageIndex)) {
    for (const instruction of dockerfile.stages[index]!.instructions) {
      const line = `${dockerfile.path}:${instruction.startLine + 1}`;
      const body = dockerfile.text.slice(instruction.keywordRange.end, instruction.range.end);
      if (instruction.keyword === 'USER' && !ROOT_USERS.has(instruction.args[0]?.value ?? 'root')) {
        reasons.push(`${line}: USER ${instruction.args[0]?.value}`);
      } else if (instruction.flags.some((f) => f.name === 'chown')) {
        reasons.push(`${line}: ${instruction.keyword} --chown`);
      } else if (instruction.keyword === 'RUN' && /\bchown\b|\binstall\b[^\n]*\s-o\s/.test(body)) {
        reasons.push(`${line}: RUN changes owners`);
      } else if (instruction.keyword === 'RUN' && OTHER_USER.test(body)) {
        // `su-exec node npm run build`: what the command writes, that user owns.
        reasons.push(`${line}: RUN runs a command as another user`);
      } else if (instruction.keyword === 'RUN' && /\btar\b[^|;&]*(\s-?[a-zA-Z]*x|--extract)/.test(body) && !/--no-same-owner/.test(body)) {
        // As root, tar gives the files the owners the archive recorded (node's own tarballs: 1000).
        reasons.push(`${line}: RUN unpacks an archive, whose files keep its owners`);
      } else if (instruction.keyword === 'ADD' && instruction.args.slice(0, -1).some((a) => ARCHIVE.test(a.value) && !/^https?:/.test(a.value))) {
        reasons.push(`${line}: ADD unpacks an archive, whose files keep its owners`);
      }
    }
  }
  return reasons;
}

/**
 * `docker build --target builder .`, then `--target runtime .` of one file: the stages of the
 * runtime file that builders built from it (each target and what it needs).
 */
export function ownBuilderStages(runtime: DockerfileModel, builders: Iterable<BuilderPlan>): Set<number> {
  return new Set([...builders].flatMap((b) => (b.dockerfile?.path === runtime.path ? stageChain(runtime, b.targetStage) : [])));
}

/** The stage and every earlier stage whose files reach it: by FROM, or by COPY --from (which keeps owners). */
export function stageChain(dockerfile: DockerfileModel, stageIndex: number): number[] {
  const seen = new Set<number>();
  const visit = (index: number): void => {
    if (seen.has(index)) return;
    seen.add(index);
    const stage = dockerfile.stages[index]!;
    const refs = [stage.image, ...stage.instructions.flatMap((i) => i.flags.filter((f) => f.name === 'from' && f.value).map((f) => f.value!))];
    for (const ref of refs) {
      const parent = /^\d+$/.test(ref) ? Number(ref) : dockerfile.stages.findIndex((s, i) => i < index && s.name?.toLowerCase() === ref.toLowerCase());
      if (parent >= 0 && parent < index) visit(parent);
    }
  };
  visit(stageIndex);
  return [...seen].sort((a, b) => a - b);
}
