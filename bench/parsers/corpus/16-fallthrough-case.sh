#!/usr/bin/env bash
set -euo pipefail
stage=${1:-all}
case "$stage" in
  all)
    echo "full build"
    ;&
  builder)
    docker build -t lib-builder -f Dockerfile.build .
    ;&
  extract)
    docker run --rm -v "$PWD:/out" lib-builder cp /src/lib.so /out/
    ;;
  *) echo "usage: $0 [all|builder|extract]" >&2; exit 64 ;;
esac
docker build -t lib:latest .
