#!/usr/bin/env bash
# Rebuilds models/mishen-sensitivity/ from the committed corpus (npm run train:classifier).
#
# Needs: Debian/Ubuntu packages python3-torch (1.13), python3-numpy and libopenblas0-pthread
# (without it training is ~2x slower); node with this repo's npm dependencies installed
# (opencc-js for the Traditional-Chinese copies, @xenova/transformers for the tokenizer check);
# both public-text files in ../shared/corpus/public-text/ (or MISHEN_PUBLIC_TEXT_DIR).
# Since 1.4.0 (the n-gram branch alone) a build takes minutes; --ngram-weight 0.7 rebuilds the
# 1.3.0 recipe with its encoder (~65-70 minutes). Extra arguments are passed to training/train.py.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=/usr/bin/python3
missing=()
$PY -c "import torch" 2>/dev/null || missing+=(python3-torch)
$PY -c "import numpy" 2>/dev/null || missing+=(python3-numpy)
ldconfig -p 2>/dev/null | grep -q libopenblas || missing+=(libopenblas0-pthread)
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "train:classifier needs the Debian packages: ${missing[*]}" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
data="${MISHEN_PUBLIC_TEXT_DIR:-../shared/corpus/public-text}"
for f in train.jsonl train2.jsonl; do
  [[ -f $data/$f ]] || { echo "public-text corpus not found: $data/$f (set MISHEN_PUBLIC_TEXT_DIR)" >&2; exit 1; }
done
[[ -d node_modules/opencc-js && -d node_modules/@xenova/transformers ]] || { echo "run npm ci first" >&2; exit 1; }

# The generated corpus is committed; regenerating is deterministic and checks it is current.
$PY training/generate_corpus.py
exec nice -n 10 $PY training/train.py "$@"
