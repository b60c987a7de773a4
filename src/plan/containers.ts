import { refersTo } from '../analyse/container-ref.js';
import type { BuildEvent, CopyOutEvent, CreateEvent, ScriptEvent } from '../analyse/events.js';
import type { ValueTable } from '../analyse/values.js';

/** The `docker create`/`run` a `docker cp` copies from: by captured id, or by `--name`. */
export function findContainer(copy: CopyOutEvent, events: ScriptEvent[], values: ValueTable): CreateEvent | undefined {
  const creates = events.slice(0, events.indexOf(copy)).filter((e): e is CreateEvent => e.kind === 'create');
  return creates.findLast((c) => refersTo(copy.container, c, values));
}

/** Docker's reading of an image reference: `app` is `app:latest`, `docker.io/library/x` is `x`. */
export function normaliseImage(ref: string): string {
  let image = ref.replace(/^(docker\.io\/|index\.docker\.io\/)?(library\/)?/, '');
  const lastSlash = image.lastIndexOf('/');
  if (!image.includes('@') && !image.slice(lastSlash + 1).includes(':')) image += ':latest';
  return image;
}

/** The last `docker build` before `before` that tagged `image`. */
export function findBuildOf(image: string, before: ScriptEvent, events: ScriptEvent[], values?: ValueTable): BuildEvent | undefined {
  // `IMG=$(docker build -q ...)`: the image id names the build.
  const built = values?.whole(image)?.build;
  if (built) return built as BuildEvent;
  const wanted = normaliseImage(image);
  return events
    .slice(0, events.indexOf(before))
    .filter((e): e is BuildEvent => e.kind === 'build')
    .filter((b) => b.tags.some((t) => normaliseImage(t) === wanted))
    .at(-1);
}
