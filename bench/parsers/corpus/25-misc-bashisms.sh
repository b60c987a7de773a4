#!/usr/bin/env bash
set -euo pipefail
source ./build.env
. ./lib/common.sh
exec 3>&1
let jobs=$(nproc)*2
printf -v started '%(%s)T' -1
time docker build --build-arg JOBS="$jobs" -t big-builder -f Dockerfile.build .
mkdir -p out/{bin,lib,share}
docker run --rm big-builder tar -C /out -cf - bin lib share | tar -xf - -C out
(( SECONDS - started > 600 )) && echo "slow build: ${SECONDS}s" >&3
export BUILD_DONE=1
readonly IMAGE=big:latest
docker build -t "$IMAGE" .
