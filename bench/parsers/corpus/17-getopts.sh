#!/usr/bin/env bash
set -euo pipefail

usage() { echo "usage: $0 [-t tag] [-n]" >&2; exit 2; }

tag=latest
no_cache=""
while getopts ":t:nh" opt; do
  case $opt in
    t) tag=$OPTARG ;;
    n) no_cache="--no-cache" ;;
    h|*) usage ;;
  esac
done
shift $((OPTIND - 1))

docker build ${no_cache:+"$no_cache"} -t "report-builder:$tag" -f Dockerfile.build .
docker create --name "report-extract-$tag" "report-builder:$tag"
docker cp "report-extract-$tag:/build/report.pdf" .
docker rm "report-extract-$tag"
