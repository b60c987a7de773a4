#!/usr/bin/env bash
set -euo pipefail

read -r major minor patch <<< "${VERSION//./ }"
echo "version ${major}.${minor}.${patch}"

mapfile -t services < <(ls services)
for svc in "${services[@]}"; do
  docker build -t "builder-${svc}" -f "services/${svc}/Dockerfile.build" "services/${svc}"
done

while read -r svc; do
  cid=$(docker create "builder-${svc}")
  docker cp "${cid}:/out/." "dist/${svc}/"
  docker rm "${cid}" >/dev/null
done < <(printf '%s\n' "${services[@]}")

diff <(ls dist) <(ls services) && echo "all services extracted"
