#!/bin/bash
set -euo pipefail

declare -a PLATFORMS=(linux/amd64 linux/arm64)
declare -A BINARIES=([server]=cmd/server [worker]=cmd/worker)
EXTRA_TAGS=()
[[ -n "${CI:-}" ]] && EXTRA_TAGS+=(-t "registry.example.com/app:${CI_COMMIT_SHA}")

for platform in "${PLATFORMS[@]}"; do
  arch="${platform#*/}"
  for bin in "${!BINARIES[@]}"; do
    docker build --platform "$platform" \
      --build-arg "PKG=${BINARIES[$bin]}" \
      -t "builder-${bin}-${arch}" -f Dockerfile.build .
  done
done

echo "built ${#PLATFORMS[@]} platforms x ${#BINARIES[@]} binaries"
docker build -t app "${EXTRA_TAGS[@]}" .
