#!/usr/bin/env bash
# Install the container engine used by `--verify` and the engine tests:
# podman + buildah (build/run), runc (the default crun cannot run RUN steps on
# hosts with hybrid cgroups) and busybox-static (source of the test base image).
# Debian 12, run as root. Idempotent: installs only what is missing.
set -euo pipefail

packages=(podman buildah busybox-static runc)

if [[ $(id -u) -ne 0 ]]; then
  echo "install-engine: must run as root (try: sudo $0)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-engine: apt-get not found; install ${packages[*]} with your package manager" >&2
  exit 1
fi

missing=()
for pkg in "${packages[@]}"; do
  # dpkg-query prints "install ok installed" only for a fully installed package.
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-engine: already installed: ${packages[*]}"
  exit 0
fi

echo "install-engine: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# -qq keeps CI logs short; errors still reach stderr and set -e stops the script.
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
podman --version
buildah --version
