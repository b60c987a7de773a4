import { CODES, finding, type Finding } from '../warnings.js';
import type { CopyRewrite, RenamedPlan } from './model.js';
import { uniqueName } from './targets.js';
import { RENAMED_STAGE } from './copy-mapping.js';

/**
 * `docker cp c:/out/cmake_hello ./app`, then `COPY app .`: the image has the file as `app`,
 * where `COPY --from=builder /out/cmake_hello .` would name it `cmake_hello`. A `FROM scratch`
 * stage holds each such file under its host name, and those COPY lines read it from there,
 * which lands it where the COPY of the host file did, into a folder or not.
 */
export function planRenamed(rewrites: CopyRewrite[], taken: Set<string>, findings: Finding[]): RenamedPlan | null {
  const lines = rewrites.flatMap((r) => r.lines).filter((l) => l.via !== undefined);
  if (lines.length === 0) return null;
  const stageName = uniqueName(RENAMED_STAGE, taken);
  const files = new Map<string, RenamedPlan['files'][number]>();
  for (const line of lines) {
    const artifact = line.artifacts[0]!;
    line.via!.stageName = stageName;
    if (files.has(line.via!.path)) continue;
    files.set(line.via!.path, { builder: artifact.builder, builderPath: artifact.builderPath, path: line.via!.path });
    findings.push(finding(CODES.renamedFile, 'info', artifact.copy.site.at,
      `docker cp names ${artifact.builderPath} ${line.via!.path} on the host, and a COPY into a folder (or into a path that may be a folder in the image) lands it by that name: the stage ${stageName} holds it as /${line.via!.path}, and the COPY takes it from there`));
  }
  const first = lines[0]!.artifacts[0]!.copy.site.at;
  return { stageName, files: [...files.values()], origin: { file: first.file, line: first.line } };
}
