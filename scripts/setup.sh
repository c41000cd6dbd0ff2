#!/usr/bin/env bash
# Shared set-up for `npm start` and `npm test`: dependencies, real servers, build, migrations.
# Idempotent and quick when everything is already in place.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
say() { printf '\033[1;32m[courtesy]\033[0m %s\n' "$*" >&2; }
timed() { local t0=$SECONDS; "$@"; say "$1 ${2:-} took $((SECONDS - t0)) s"; }

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error(`Node.js ${process.versions.node} is too old: install Node.js 20.19 or newer`); process.exit(1) }'

# Install only when the lockfile changed since the last install. `npm install` rather than `npm ci`: the lockfile
# holds no entries for other platforms' optional binaries (@swc/core-darwin-*, ...), which `npm ci` insists on.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  timed npm install --no-audit --no-fund --loglevel=error
fi

timed bash infra/up

say "building (tsc -b)"
timed npx tsc -b tsconfig.json

# The staff console (React SPA the gateway serves at /console/); rebuilt only when its sources changed.
CONSOLE=services/gateway/console
if [ ! -f "$CONSOLE/dist/index.html" ] || [ -n "$(find "$CONSOLE/src" "$CONSOLE/index.html" "$CONSOLE/vite.config.ts" -newer "$CONSOLE/dist/index.html" -print -quit)" ]; then
  say "building the staff console (type check, vite build)"
  timed npx tsc -p "$CONSOLE/tsconfig.json"
  timed npx vite build --config "$CONSOLE/vite.config.ts" --logLevel warn
fi

# One codec key per machine, kept with the data it protects: Temporal payloads stay readable across restarts.
ENV_FILE="$ROOT/.data/courtesy.env"
if [ ! -f "$ENV_FILE" ]; then
  key=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')
  cat >"$ENV_FILE" <<ENV
# Local development settings written by scripts/setup.sh; real deployments set these in their environment.
PAYLOAD_CODEC_KEYS=dev1:$key
KAFKA_BROKERS=127.0.0.1:9092
TEMPORAL_ADDRESS=127.0.0.1:7233
TEMPORAL_NAMESPACE=courtesy
SMTP_URL=smtp://127.0.0.1:1025
PUBLIC_BASE_URL=http://127.0.0.1:3000
ENV
  chmod 600 "$ENV_FILE"
fi
secret() { node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))'; }
# Older env files gain the settings added since they were written; existing values are never replaced.
grep -q '^ADMIN_TOKEN=' "$ENV_FILE" || echo "ADMIN_TOKEN=$(secret)" >>"$ENV_FILE"
grep -q '^CODEC_AUTH_TOKEN=' "$ENV_FILE" || echo "CODEC_AUTH_TOKEN=$(secret)" >>"$ENV_FILE"
grep -q '^PAY_LINK_SECRET=' "$ENV_FILE" || echo "PAY_LINK_SECRET=$(secret)" >>"$ENV_FILE"

for db in "$@"; do node scripts/migrate.mjs --database "$db" >/dev/null; done
say "migrations applied to: $*"
