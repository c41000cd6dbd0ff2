#!/usr/bin/env bash
# `npm test`: set everything up, lint, then run every jest project against the real servers.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh courtesy_test
t0=$SECONDS
npx eslint . --max-warnings 0
echo "[courtesy] lint took $((SECONDS - t0)) s" >&2
export TEMPORAL_TEST_SERVER_PATH="$ROOT/.tools/temporal-test-server/temporal-test-server"
export KAFKAJS_NO_PARTITIONER_WARNING=1
exec npx jest "$@"
