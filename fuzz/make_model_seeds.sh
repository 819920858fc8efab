#!/bin/bash
# Regenerates the seed corpus of fuzz_model: a tiny valid model trained on
# fuzz/model_seed.conllu, and damaged copies of it (truncated, a flipped
# byte in the payload, a future version, a bad magic, a header only).
# valid-v1.model is a format-1 model (no beam table), kept as it was.
#   fuzz/make_model_seeds.sh [BUILD_DIR]
set -e
build=${1:-build}
out=fuzz/corpus/model
mkdir -p "$out"
"$build/dyad" train --quiet --tagger-epochs 2 --parser-epochs 2 --min-weight 0.0001 \
  --parser-min-weight 0.0001 --beam-min-weight 0.0001 \
  --out "$out/valid.model" fuzz/model_seed.conllu
size=$(stat -c %s "$out/valid.model")
head -c $((size / 2)) "$out/valid.model" > "$out/truncated-half.model"
head -c 40 "$out/valid.model" > "$out/header-only.model"
cp "$out/valid.model" "$out/flipped.model"
printf '\xff' | dd of="$out/flipped.model" bs=1 seek=$((size - 10)) conv=notrunc status=none
cp "$out/valid.model" "$out/future.model"
printf '\x63' | dd of="$out/future.model" bs=1 seek=8 conv=notrunc status=none
cp "$out/valid.model" "$out/magic.model"
printf 'X' | dd of="$out/magic.model" bs=1 seek=0 conv=notrunc status=none
