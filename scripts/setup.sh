#!/usr/bin/env bash
# One command for a newcomer on Debian 12: install the dependencies, build
# dyad, and run the main job on the bundled sample articles.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
echo "== dyad code samples/articles.jsonl" >&2
./build/dyad code samples/articles.jsonl
