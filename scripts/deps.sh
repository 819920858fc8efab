#!/usr/bin/env bash
# Installs the Debian 12 packages dyad builds and tests with, when missing.
# The list and the reason for each package are in the README ("Dependencies").
set -euo pipefail
pkgs=(build-essential cmake pkg-config libjansson-dev libutf8proc-dev
      libxml2-dev libsqlite3-dev clang)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "dyad: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
