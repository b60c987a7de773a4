#!/usr/bin/env bash
set -o errexit -o nounset -o pipefail
LOG=build.log
: > "$LOG"
docker build -t svc-builder -f Dockerfile.build . 2>&1 | tee -a "$LOG"
docker run --rm svc-builder tar -C /out -cf - . |& tar -xf - -C ./out
docker build -t svc . | tee -a "$LOG" | grep -E '^(Step|Successfully)'
grep -q 'Successfully built' "$LOG" || { echo "build failed, see $LOG" >&2; exit 1; }
