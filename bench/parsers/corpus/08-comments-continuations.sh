#!/usr/bin/env bash
# Legacy build for the API service.
#   Step 1: compile in the builder image
#   Step 2: copy artefacts out
#   Step 3: build the runtime image
set -euo pipefail

echo building api#${BUILD_NUMBER:-0}   # the build number goes after the hash
docker build \
  --pull \
  --build-arg "GIT_SHA=$(git rev-parse --short HEAD)" \
  -t api-builder \
  -f Dockerfile.build \
  .

# create a stopped container to copy from
docker create --name api-extract api-builder  # never started
docker cp api-extract:/usr/src/api/target/api.jar ./api.jar
docker rm api-extract

docker build \
  -t "api:${BUILD_NUMBER:-dev}" \
  .
