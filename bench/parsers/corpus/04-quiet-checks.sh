#!/usr/bin/env bash
set -euo pipefail

if ! command -v docker &>/dev/null; then
  echo "docker is required" >&2
  exit 1
fi

docker image inspect app-builder &>/dev/null || docker build -t app-builder -f Dockerfile.build .
docker rm -f app-extract &>/dev/null || true
docker create --name app-extract app-builder
docker cp app-extract:/src/dist ./dist
docker rm app-extract &>/dev/null
docker build -t app .
