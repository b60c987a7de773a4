#!/bin/sh
# Build the Go binary in a builder image, then package it.
set -e

IMAGE=${IMAGE:-example/app}
TAG=${TAG:-latest}

echo "Building ${IMAGE}:build"
docker build -t "${IMAGE}:build" . -f Dockerfile.build

docker create --name extract "${IMAGE}:build"
docker cp extract:/go/src/github.com/example/app/app ./app
docker rm -f extract

echo "Building ${IMAGE}:${TAG}"
docker build --no-cache -t "${IMAGE}:${TAG}" .
rm ./app
