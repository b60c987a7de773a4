#!/bin/sh
# POSIX sh: no arrays, no [[ ]]
set -eu

: "${REGISTRY:?REGISTRY must be set}"
APP=billing
BUILDER="$APP-builder"

if [ ! -f Dockerfile.build ]; then
  echo "missing Dockerfile.build" >&2
  exit 1
fi

docker build -t "$BUILDER" -f Dockerfile.build . || exit 1
CID=`docker create "$BUILDER"`
docker cp "$CID:/build/out" ./out && docker rm "$CID"
for f in ./out/*; do
  [ -x "$f" ] || chmod +x "$f"
done
docker build -t "$REGISTRY/$APP" .
unset CID
