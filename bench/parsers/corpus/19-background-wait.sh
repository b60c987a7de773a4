#!/usr/bin/env bash
set -uo pipefail
pids=()
for svc in auth orders payments; do
  docker build -t "${svc}-builder" -f "${svc}/Dockerfile.build" "${svc}" > "logs/${svc}.log" 2>&1 &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done
docker build -t gateway gateway &
wait $!
exit $status
