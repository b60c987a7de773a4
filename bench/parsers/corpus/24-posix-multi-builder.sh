#!/bin/sh
set -eu
while read -r name dockerfile; do
  case "$name" in
    ''|'#'*) continue ;;
  esac
  echo "==> $name"
  docker build -t "$name" -f "$dockerfile" .
done <<EOF
# name        dockerfile
proto-builder build/Dockerfile.proto
web-builder   build/Dockerfile.web
EOF
mkdir -p out
for b in proto-builder web-builder; do
  id=$(docker create "$b")
  docker cp "$id:/out/." out/
  docker rm "$id" >/dev/null
done
docker build -t site .
