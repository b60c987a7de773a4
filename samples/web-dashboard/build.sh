#!/usr/bin/env bash
# Build the dashboard bundle and package it in an nginx image.
#
#   IMAGE=... TAG=... PUSH=1 ./build.sh
set -euo pipefail

IMAGE=${IMAGE:-registry.example.com/web-dashboard}
TAG=${TAG:-latest}

# extract CONTAINER SRC DEST: copy SRC out of a container to DEST on the host
extract() {
  docker cp "$1":"$2" "$3"
}

echo "==> compiling bundle in $IMAGE-build:$TAG"
docker build -f Dockerfile.builder -t "$IMAGE-build:$TAG" .

id=$(docker create "$IMAGE-build:$TAG")
extract "$id" /app/dist ./dist
docker rm -v "$id"

echo "==> building $IMAGE:$TAG"
docker build -t "$IMAGE:$TAG" .
rm -rf dist

if [ "${PUSH:-0}" = 1 ]; then
  docker push "$IMAGE:$TAG"
fi
