#!/usr/bin/env bash
# Release rehearsal: publishes embedkit to a private npm registry (Verdaccio on 127.0.0.1) the way
# a real release does — `changeset version`, build, `changeset publish` — from a copy of this
# repository (nothing here changes), installs @embedkit/jina from it into a fresh project and runs
# the Jina README's quick start against the Jina simulator; then adds a changeset for
# @embedkit/openai alone, releases again and checks that only openai got a new version (core and
# the rest did not) and that every internal range still accepts what is published.
#
# Verdaccio 6.8.0 (6.10 needs Node 22) is installed once into ~/.cache/embedkit-verdaccio (or
# $EMBEDKIT_VERDACCIO_DIR). Pass --keep to keep the temporary directory. About a minute or two.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
verdaccio_dir="${EMBEDKIT_VERDACCIO_DIR:-$HOME/.cache/embedkit-verdaccio}"
verdaccio_version=6.8.0
work="$(mktemp -d "${TMPDIR:-/tmp}/embedkit-release-rehearsal-XXXXXX")"
keep=false
[[ "${1:-}" == "--keep" ]] && keep=true
started=$SECONDS
background_pids=()

say() { printf 'release-rehearsal: %s\n' "$*"; }
step() { say "$* ($((SECONDS - started)) s)"; }
fail() {
  say "FAILED: $*"
  keep=true
  exit 1
}
cleanup() {
  local status=$?
  for pid in "${background_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${background_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $keep == true ]]; then say "kept $work"; else rm -rf "$work"; fi
  exit $status
}
trap cleanup EXIT

# The environment of a release machine: no workspace npm/pnpm settings, ONNX Runtime's CUDA
# download skipped (the CPU build ships in onnxruntime-node).
while IFS='=' read -r name _; do
  [[ $name == npm_* || $name == pnpm_* ]] && unset "$name"
done < <(env)
export ONNXRUNTIME_NODE_INSTALL=skip TURBO_TELEMETRY_DISABLED=1

step "1. Verdaccio $verdaccio_version in $verdaccio_dir"
installed="$(node -p "require('$verdaccio_dir/node_modules/verdaccio/package.json').version" 2>/dev/null || true)"
if [[ $installed != "$verdaccio_version" ]]; then
  mkdir -p "$verdaccio_dir"
  cat > "$verdaccio_dir/package.json" <<EOF
{
  "name": "embedkit-verdaccio",
  "private": true,
  "description": "Verdaccio for embedkit's scripts/release-rehearsal.sh; 6.10 needs Node 22, and 6.8.0 needs node-fetch pinned.",
  "dependencies": { "verdaccio": "$verdaccio_version" },
  "overrides": { "node-fetch": "2.7.0" }
}
EOF
  npm install --prefix "$verdaccio_dir" --no-audit --no-fund --loglevel=error > "$work/verdaccio-install.log" 2>&1 ||
    fail "npm install verdaccio@$verdaccio_version: $(tail -5 "$work/verdaccio-install.log")"
fi

port="$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
registry="http://127.0.0.1:$port/"
mkdir -p "$work/verdaccio"
# No uplinks: @embedkit/* can only come from what this rehearsal publishes. Third-party packages
# come from the normal registry (consumers map only the @embedkit scope here).
cat > "$work/verdaccio/config.yaml" <<EOF
storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
uplinks: {}
packages:
  '@embedkit/*':
    access: \$all
    publish: \$authenticated
  '**':
    access: \$all
    publish: \$authenticated
log: { type: stdout, format: pretty, level: warn }
EOF
"$verdaccio_dir/node_modules/.bin/verdaccio" --config "$work/verdaccio/config.yaml" \
  --listen "127.0.0.1:$port" > "$work/verdaccio/verdaccio.log" 2>&1 &
background_pids+=($!)
for _ in $(seq 1 100); do
  curl -fsS "${registry}-/ping" > /dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "${registry}-/ping" > /dev/null || fail "Verdaccio did not start: $(tail -5 "$work/verdaccio/verdaccio.log")"
# A throwaway user of this throwaway registry, for the publish token.
token="$(curl -fsS -X PUT -H 'content-type: application/json' \
  -d '{"name":"rehearsal","password":"rehearsal-only"}' \
  "${registry}-/user/org.couchdb.user:rehearsal" | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).token')"
say "   Verdaccio on $registry"

step "2. copy the repository (tracked and new files, including working-tree changesets)"
copy="$work/repo"
mkdir -p "$copy"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard |
  tar --null -T - --ignore-failed-read -cf - 2> /dev/null) | tar -xf - -C "$copy"
cd "$copy"
git init -q -b main
git add -A
git -c user.name=rehearsal -c user.email=rehearsal@localhost commit -qm "rehearsal base"
pnpm install --offline --frozen-lockfile > "$work/pnpm-install.log" 2>&1 ||
  fail "pnpm install in the copy: $(tail -5 "$work/pnpm-install.log")"
printf '//127.0.0.1:%s/:_authToken=%s\n' "$port" "$token" > .npmrc
changeset=node_modules/.bin/changeset

# Publishes with the registry set for changesets' own `npm info` lookups and for pnpm publish.
release() {
  "$changeset" version > "$work/version-$1.log" 2>&1 || fail "changeset version: $(tail -5 "$work/version-$1.log")"
  pnpm build > "$work/build-$1.log" 2>&1 || fail "pnpm build: $(tail -20 "$work/build-$1.log")"
  npm_config_registry="$registry" "$changeset" publish > "$work/publish-$1.log" 2>&1 ||
    fail "changeset publish: $(tail -20 "$work/publish-$1.log")"
  git add -A
  git -c user.name=rehearsal -c user.email=rehearsal@localhost commit -qm "release $1"
}
published_version() { npm view "$1" version --registry "$registry" 2> /dev/null; }
published_versions() { npm view "$1" versions --json --registry "$registry" 2> /dev/null | tr -d ' \n'; }

step "3. changeset version + build + changeset publish"
release first
# Every publishable package (a new one goes here too).
packages=(
  core testing cli bm25
  jina openai local cohere voyage gemini mistral nomic tei ollama bedrock
  milvus pgvector chroma lancedb sqlite-vec
  ai-sdk langchain
)
publishable="$(node -e '
const { existsSync, readdirSync, readFileSync } = require("node:fs");
const names = ["packages", "apps"].flatMap((group) => readdirSync(group).map((name) => `${group}/${name}/package.json`))
  .filter((file) => existsSync(file)).map((file) => JSON.parse(readFileSync(file, "utf8")))
  .filter((manifest) => !manifest.private).map((manifest) => manifest.name.replace("@embedkit/", ""));
console.log(names.sort().join(" "));')"
listed="$(printf '%s\n' "${packages[@]}" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
[[ $publishable == "$listed" ]] || fail "the packages list ($listed) is not every publishable package ($publishable)"
declare -A first
for name in "${packages[@]}"; do
  first[$name]="$(published_version "@embedkit/$name")"
  [[ -n ${first[$name]} ]] || fail "@embedkit/$name was not published"
  # Every package is 0.x: a 1.0.0 here would be changesets turning a core minor into a major of
  # each peer dependent (what the 0.x peer ranges and onlyUpdatePeerDependentsWhenOutOfRange avoid).
  [[ ${first[$name]} == 0.* ]] || fail "@embedkit/$name was published as ${first[$name]}, not 0.x"
  say "   published @embedkit/$name@${first[$name]}"
done

step "4. install @embedkit/jina from the registry into a fresh project and run the README quick start"
consumer="$work/consumer"
mkdir -p "$consumer"
cd "$consumer"
printf '{ "name": "rehearsal-consumer", "private": true, "type": "module" }\n' > package.json
printf '@embedkit:registry=%s\nfetch-retries=0\n' "$registry" > .npmrc
npm install @embedkit/jina @embedkit/core --no-audit --no-fund --prefer-offline --loglevel=error > "$work/consumer-install.log" 2>&1 ||
  fail "npm install @embedkit/jina @embedkit/core: $(tail -5 "$work/consumer-install.log")"
installed_jina="$(node -p 'require("./node_modules/@embedkit/jina/package.json").version')"
[[ $installed_jina == "${first[jina]}" ]] || fail "installed @embedkit/jina@$installed_jina, published ${first[jina]}"
# The quick start exactly as the published README has it, pointed at the simulator.
node - <<'EOF' || fail "could not take the quick start from the published README"
const { readFileSync, writeFileSync } = require('node:fs');
const readme = readFileSync('node_modules/@embedkit/jina/README.md', 'utf8');
const code = readme.split('## Quick start')[1]?.match(/```ts\n([\s\S]*?)```/)?.[1];
if (!code || !code.includes('createJina({')) throw new Error('no quick start with createJina({ … }) in the README');
writeFileSync('quick-start.mjs', code.replace('createJina({', 'createJina({ baseURL: process.env.JINA_SIMULATOR_URL,'));
EOF
# The simulator runs from the workspace (@embedkit/testing's build); it prints its address.
node --input-type=module -e "
  import { startJinaSimulator } from '$repo/packages/testing/dist/index.js';
  const simulator = await startJinaSimulator();
  console.log(JSON.stringify({ baseURL: simulator.baseURL, apiKey: simulator.apiKey }));
  setInterval(() => {}, 1 << 30);
" > "$work/simulator.json" 2> "$work/simulator.log" &
background_pids+=($!)
for _ in $(seq 1 100); do
  [[ -s "$work/simulator.json" ]] && break
  sleep 0.1
done
[[ -s "$work/simulator.json" ]] || fail "the Jina simulator did not start: $(cat "$work/simulator.log")"
simulator_url="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).baseURL' "$work/simulator.json")"
simulator_key="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).apiKey' "$work/simulator.json")"
output="$(env -u JINAAI_API_KEY JINA_API_KEY="$simulator_key" JINA_SIMULATOR_URL="$simulator_url" node quick-start.mjs 2>&1)" ||
  fail "the quick start failed: $output"
[[ $output == "512 2 512" ]] || fail "the quick start printed \"$output\", the README says 512 2 512"
say "   the quick start printed \"$output\" (as the README says)"

step "5. a changeset for @embedkit/openai alone, then version + build + publish again"
cd "$copy"
printf -- "---\n'@embedkit/openai': patch\n---\n\nRehearsal: a provider-only patch.\n" > .changeset/rehearsal-openai-patch.md
release second
for name in "${packages[@]}"; do
  now="$(published_version "@embedkit/$name")"
  versions="$(published_versions "@embedkit/$name")"
  if [[ $name == openai ]]; then
    [[ $now != "${first[openai]}" ]] || fail "@embedkit/openai was not republished (still ${first[openai]})"
    say "   @embedkit/openai ${first[openai]} -> $now"
    openai_now=$now
  else
    [[ $now == "${first[$name]}" && $versions == "[\"${first[$name]}\"]" ]] ||
      fail "@embedkit/$name changed: ${first[$name]} -> $versions, though only openai had a changeset"
    say "   @embedkit/$name stays ${first[$name]}"
  fi
done

# The build after `changeset version` inlined the new version (what the user-agent sends).
cd "$consumer"
npm install "@embedkit/openai@${openai_now}" --no-audit --no-fund --prefer-offline --loglevel=error > "$work/consumer-openai.log" 2>&1 ||
  fail "npm install @embedkit/openai: $(tail -5 "$work/consumer-openai.log")"
inlined="$(node --input-type=module -e "import { openaiVersion } from '@embedkit/openai'; console.log(openaiVersion);")"
[[ $inlined == "$openai_now" ]] || fail "@embedkit/openai@$openai_now reports version $inlined"
say "   the published @embedkit/openai@$openai_now reports openaiVersion $inlined"

step "6. every internal range of what is published accepts the published versions"
node - "$registry" "$verdaccio_dir" "${packages[@]}" <<'EOF' || fail "an internal range does not accept the published version"
const { execFileSync } = require('node:child_process');
const semver = require(`${process.argv[3]}/node_modules/semver`);
const registry = process.argv[2];
const view = (spec, field) => JSON.parse(execFileSync('npm', ['view', spec, field, '--json', '--registry', registry], { encoding: 'utf8' }) || 'null');
const names = process.argv.slice(4).map((name) => `@embedkit/${name}`);
const latest = Object.fromEntries(names.map((name) => [name, view(name, 'version')]));
let failed = false;
for (const name of names) {
  for (const field of ['dependencies', 'peerDependencies']) {
    for (const [dependency, range] of Object.entries(view(`${name}@${latest[name]}`, field) ?? {})) {
      if (!dependency.startsWith('@embedkit/')) continue;
      const ok = semver.satisfies(latest[dependency], range);
      console.log(`release-rehearsal:    ${ok ? 'ok' : 'NOT OK'}  ${name}@${latest[name]} ${field} ${dependency} ${range} accepts ${latest[dependency]}`);
      failed ||= !ok;
    }
  }
}
process.exit(failed ? 1 : 0);
EOF

say "passed in $((SECONDS - started)) s"
