#!/bin/sh
# Compile ledger in the rust image, then ship only the binary on debian-slim.
set -e
cd "$(dirname "$0")"

BIN_DIR=bin

docker build -t ledger:latest .
