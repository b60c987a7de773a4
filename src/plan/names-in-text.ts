/**
 * Whether a command line names `word` (an image tag, a file) as a word of its own:
 * `docker run --rm app-build go test` and `-f ./Dockerfile.build` do; `my-app-build`,
 * `app-build:dev` and `Dockerfile.build.old` do not.
 */
export function namesInText(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s"'=])(\\./)?${escaped}(?=$|[\\s"';|&)])`).test(text);
}
