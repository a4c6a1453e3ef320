#!/usr/bin/env bash
# Install the Debian packages l10nlint needs, when they are missing.
# usage: scripts/deps.sh [build|test|bench]
# Runs apt-get itself when root, through sudo when available; otherwise
# prints the command to run and fails.
set -euo pipefail
what=${1:-build}
pkgs=(gcc pkg-config meson ninja-build libcmark-gfm-dev libcmark-gfm-extensions-dev
      libicu-dev libpcre2-dev libyaml-dev)
case $what in
  test) pkgs+=(hugo git python3-jsonschema python3-yaml) ;;
  bench) pkgs+=(cmark-gfm) ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "l10nlint: installing missing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "l10nlint: please run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
