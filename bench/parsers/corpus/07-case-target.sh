#!/bin/sh
set -e

TARGET="${1:-all}"

build_builder() {
  docker build -t web-builder -f docker/Dockerfile.build .
}

extract() {
  docker create --name web-extract web-builder
  docker cp web-extract:/app/public ./public
  docker rm web-extract
}

case "$TARGET" in
  builder) build_builder ;;
  extract) extract ;;
  all|release)
    build_builder
    extract
    docker build -t web:latest -f docker/Dockerfile .
    ;;
  *)
    echo "unknown target: $TARGET" >&2
    exit 2
    ;;
esac
