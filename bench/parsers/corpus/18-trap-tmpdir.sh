#!/bin/bash
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; docker rm -f py-extract >/dev/null 2>&1 || true' EXIT INT TERM

docker build -t py-builder -f Dockerfile.build .
docker create --name py-extract py-builder
docker cp py-extract:/wheels "$tmp/wheels"
ls -1 "$tmp"/wheels/*.whl | wc -l | xargs echo "wheels:"
cp -r "$tmp/wheels" ./wheels
docker build -t py-app .
