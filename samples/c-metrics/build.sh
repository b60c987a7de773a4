#!/bin/sh
# Build metricsd with the gcc image, then ship only the installed tree on
# top of busybox.
set -eu

IMAGE=${IMAGE:-metricsd:latest}

# 1. compile and install into /out inside the build image
docker build -t metrics-build -f builder.Dockerfile .

# 2. copy the installed tree out of a stopped container
mkdir -p rootfs
cid=$(docker create metrics-build)
docker cp "$cid:/out/." rootfs/
docker rm "$cid"

# 3. runtime image
docker build -t "$IMAGE" .
rm -rf rootfs
