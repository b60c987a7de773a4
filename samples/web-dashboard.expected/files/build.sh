#!/usr/bin/env bash
# Build the dashboard bundle and package it in an nginx image.
#
#   IMAGE=... TAG=... PUSH=1 ./build.sh
set -euo pipefail

IMAGE=${IMAGE:-registry.example.com/web-dashboard}
TAG=${TAG:-latest}

echo "==> compiling bundle in $IMAGE-build:$TAG"

echo "==> building $IMAGE:$TAG"
docker build -t "$IMAGE:$TAG" .

if [ "${PUSH:-0}" = 1 ]; then
  docker push "$IMAGE:$TAG"
fi
