#!/usr/bin/env bash
set -euo pipefail
IFS=$'\n\t'

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$DIR"

BUILD_ARGS=(--build-arg "VERSION=${VERSION:-dev}" --build-arg GOOS=linux)

function log {
  echo "[build] $*" >&2
}

log "building builder image"
docker build "${BUILD_ARGS[@]}" -t app-builder -f Dockerfile.build .
docker create --name app-extract app-builder
docker cp app-extract:/out/app ./build/app
docker rm app-extract
docker build -t app:latest .
