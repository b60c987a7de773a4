#!/bin/bash
set -eu

retries=5
for ((i = 1; i <= retries; i++)); do
  if docker build -t app-builder -f Dockerfile.build .; then
    break
  fi
  echo "attempt $i failed, retrying in $((i * 2))s"
  sleep $((i * 2))
done
(( i <= retries )) || { echo "giving up" >&2; exit 1; }

docker run --rm -v "$PWD/out:/out" app-builder cp -r /build/. /out/
docker build -t app .
