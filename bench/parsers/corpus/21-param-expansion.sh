#!/bin/bash
set -eu
GIT_BRANCH=${GIT_BRANCH:-$(git rev-parse --abbrev-ref HEAD)}
SAFE_BRANCH=${GIT_BRANCH//\//-}
SHORT=${GIT_COMMIT:0:7}
NAME=${JOB_NAME##*/}
NAME=${NAME%%-build}
TAG="${SAFE_BRANCH,,}-${SHORT}"
echo "tag=${TAG} name=${NAME^^} len=${#TAG}"
docker build -t "${NAME}-builder:${TAG}" -f "${DOCKERFILE_BUILD-Dockerfile.build}" .
docker run --rm -v "$(pwd)/out:/out" "${NAME}-builder:${TAG}"
docker build -t "${NAME}:${TAG}" .
