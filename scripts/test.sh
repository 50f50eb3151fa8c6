#!/usr/bin/env bash
# The whole test suite on a fresh machine (Node 20 + npm, Python 3 + pip): installs what it needs,
# then builds, typechecks, lints and tests every package, and smoke-runs the benchmarks. Safe to
# re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
pnpm build
pnpm typecheck
pnpm lint
node scripts/check-packages.mjs # the packed packages installed as a user would, about a minute
bash scripts/release-rehearsal.sh # publish to a private registry, then one provider alone; ~1.5 min
rm -f packages/*/.vitest-report.json apps/*/.vitest-report.json internal/*/.vitest-report.json
pnpm test
# Keep the benchmarks from rotting: every scenario at tiny sizes, about a minute (the first
# run also creates apps/bench/.venv with pymilvus-model, about a minute more). Figures are not
# judged here; the run fails only if a scenario breaks or embedkit itself does not complete.
pnpm --filter @embedkit/bench bench:quick
node scripts/test-summary.mjs
