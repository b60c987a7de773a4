#!/usr/bin/env bash
set -euo pipefail
shopt -s extglob nullglob
VERSION=$(git describe --tags --always)
if [[ $VERSION =~ ^v([0-9]+)\.([0-9]+) ]]; then
  MAJOR=${BASH_REMATCH[1]}
  MINOR=${BASH_REMATCH[2]}
else
  MAJOR=0 MINOR=0
fi
rm -rf dist/!(README.md)
docker build --build-arg MAJOR="$MAJOR" --build-arg MINOR="$MINOR" -t ext-builder -f Dockerfile.build .
docker run --rm ext-builder sh -c 'cd /build && tar cf - *.so' | tar xf - -C dist
docker build -t "ext:${MAJOR}.${MINOR}" .
