#!/usr/bin/env bash
set -euo pipefail

function cleanup() {
  docker rm -f "${EXTRACT_NAME}" >/dev/null 2>&1 || true
}
trap cleanup EXIT

function build_stage {
  local name=$1 dockerfile=$2
  docker build -t "${name}" -f "${dockerfile}" .
}

copy_out() {
  local src=$1 dest=$2
  docker cp "${EXTRACT_NAME}:${src}" "${dest}"
}

EXTRACT_NAME="extract-$$"
build_stage builder Dockerfile.build
docker create --name "${EXTRACT_NAME}" builder
copy_out /app/bin/server ./server
copy_out /app/config ./config
build_stage runtime Dockerfile
