#!/bin/sh
# Build the invoices image.
#
#   scripts/build-image.sh           builds invoices:$VERSION
#   CI=true scripts/build-image.sh   also tags it for the registry
#
# MAVEN_OPTS from the environment is passed to the maven build (proxies,
# mirrors, memory).
set -eu

cd "$(dirname "$0")/.."

VERSION=1.4.0
IMAGE=invoices
REGISTRY=registry.acme.example/billing

docker image build --build-arg MAVEN_OPTS \
    --label org.opencontainers.image.version=$VERSION \
    -t "$IMAGE:$VERSION" .

if [ -n "${CI:-}" ]; then
    docker tag "$IMAGE:$VERSION" "$REGISTRY/$IMAGE:$VERSION"
fi
