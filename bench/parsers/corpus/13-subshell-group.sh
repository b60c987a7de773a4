#!/bin/bash
set -e
(
  cd frontend
  docker build -t fe-builder -f Dockerfile.build .
)
{
  echo "# generated $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  docker run --rm fe-builder cat /app/build/manifest.json
} > build-info.txt
( cd frontend && docker run --rm -v "$PWD/dist:/out" fe-builder cp -r /app/build/. /out )
docker build -t fe:latest frontend
