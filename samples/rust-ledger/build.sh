#!/bin/sh
# Compile ledger in the rust image, then ship only the binary on debian-slim.
set -e
cd "$(dirname "$0")"

BIN_DIR=bin
mkdir -p "$BIN_DIR"

docker build -f docker/build.Dockerfile -t ledger-builder .
docker create --name ledger-extract ledger-builder
docker cp ledger-extract:/usr/src/ledger/target/release/ledger "$BIN_DIR/ledger"
docker rm ledger-extract

docker build -t ledger:latest .
rm -rf "$BIN_DIR"
