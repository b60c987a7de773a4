#!/bin/sh
# Build metricsd with the gcc image, then ship only the installed tree on
# top of busybox.
set -eu

IMAGE=${IMAGE:-metricsd:latest}

# 3. runtime image
docker build -t "$IMAGE" .
