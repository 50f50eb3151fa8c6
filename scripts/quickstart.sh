#!/usr/bin/env bash
# The main job on a fresh machine (Node 20 + npm, Python 3 + pip): installs what it needs, builds,
# starts Milvus Lite, indexes the sample corpus and runs three example searches. Safe to re-run:
# unchanged documents are skipped. With JINA_API_KEY set it embeds with Jina AI; without a key it
# uses the offline hashing embedding and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s%N)
source scripts/setup.sh
echo "› building"
pnpm exec turbo run build --filter=@embedkit/cli... --output-logs=errors-only >/dev/null

workdir=".embedkit/quickstart"
mkdir -p "$workdir"
if [ -n "${JINA_API_KEY:-}${JINAAI_API_KEY:-}" ]; then
  provider="jina"
  embedding='{ "provider": "jina", "model": "jina-embeddings-v3", "dimensions": 512 }'
  echo "› embedding with Jina AI (jina-embeddings-v3, 512 dimensions)"
else
  provider="hashing"
  embedding='{ "provider": "hashing", "dimensions": 512 }'
  echo "› no JINA_API_KEY set: embedding with the offline hashing function (lexical, not semantic);"
  echo "  set JINA_API_KEY to use Jina AI"
fi
config="$workdir/embedkit.config.json"
cat >"$config" <<JSON
{
  "embedding": $embedding,
  "store": { "kind": "milvus-lite", "path": "$workdir/milvus.db", "collection": "quickstart_$provider" },
  "chunking": { "size": 200, "overlap": 20 }
}
JSON

cli=(node apps/cli/dist/cli.js --config "$config")
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
