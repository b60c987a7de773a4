#!/bin/bash
set -e
ROOT=$(dirname $(dirname $(readlink -f "$0")))
cd "$ROOT"
REV=$(git log -1 --format=%h -- $(git ls-files docker/))
SIZE=`du -sh "$ROOT" | cut -f1`
echo "root=$ROOT rev=$REV size=$SIZE"
docker build -t "cli-builder:$REV" -f docker/Dockerfile.build .
docker run --rm -v "$ROOT/bin:/out" "cli-builder:$REV" cp /go/bin/cli /out/
docker build -t cli:$REV -f docker/Dockerfile .
