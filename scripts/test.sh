#!/usr/bin/env bash
# The whole test suite on a fresh machine (Node 20 + npm, Python 3 + pip): installs what it needs,
# then builds, typechecks, lints and tests every package. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
pnpm build
pnpm typecheck
pnpm lint
rm -f packages/*/.vitest-report.json apps/*/.vitest-report.json internal/*/.vitest-report.json
pnpm test
node scripts/test-summary.mjs
