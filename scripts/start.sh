#!/usr/bin/env bash
# `npm start`: set everything up, then run all five services and the balances worker until Ctrl-C.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh courtesy

set -a; source .data/courtesy.env; set +a
LOGS="$ROOT/.data/logs"
pids=()

# On one machine everything shares the same cores. The gateway and the pay page answer people while they wait;
# accounts, outreach, placement, the balances worker and Temporal work through queues and catch up after a burst.
# Those run at a lower CPU priority, so a burst of integrator traffic is accepted at full speed instead of
# competing with its own downstream work; whenever the gateway is idle they get the whole machine. On a cluster,
# give the gateway CPU of its own instead (README, "Running on a cluster"). COURTESY_BACKGROUND_NICE=0 turns it off.
BACKGROUND_NICE="${COURTESY_BACKGROUND_NICE:-10}"
[[ "$BACKGROUND_NICE" =~ ^([0-9]|1[0-9])$ ]] || { echo "[courtesy] COURTESY_BACKGROUND_NICE must be 0-19 (got \"$BACKGROUND_NICE\")"; exit 1; }

run() { # name port entry priority(foreground|background)
  local name=$1 port=$2 entry=$3 nice=0
  [ "$4" = background ] && nice=$BACKGROUND_NICE
  ( export DATABASE_URL="postgres://$name:$name@127.0.0.1:5432/courtesy" DATABASE_SCHEMA="$name" PORT="$port" HOST=127.0.0.1
    exec nice -n "$nice" node "$entry" ) >>"$LOGS/$name.log" 2>&1 &
  pids+=($!)
}

stop() {
  trap - INT TERM
  printf '\n[courtesy] stopping services...\n'
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  echo "[courtesy] services stopped; the servers keep running (npm run infra:down stops them)."
  exit 0
}
trap stop INT TERM

run gateway 3000 services/gateway/dist/main.js foreground
run accounts 3001 services/accounts/dist/main.js background
run outreach 3002 services/outreach/dist/main.js background
run payments 3003 services/payments/dist/main.js foreground
run placement 3004 services/placement/dist/main.js background
( exec nice -n "$BACKGROUND_NICE" node workflows/dist/main.js ) >>"$LOGS/balances-worker.log" 2>&1 &
pids+=($!)
# The dev server was started by setup (infra/up); only its priority changes. Raising a nice value needs no privilege.
if [ -f .data/pids/temporal.pid ] && [ "$BACKGROUND_NICE" != 0 ]; then
  renice -n "$BACKGROUND_NICE" -p "$(cat .data/pids/temporal.pid)" >/dev/null 2>&1 || true
fi

# Wait until every service reports its dependencies up.
for port in 3000 3001 3002 3003 3004; do
  for i in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    [ "$i" = 150 ] && { echo "[courtesy] service on port $port is not healthy; see $LOGS"; stop; }
    sleep 0.2
  done
done

node scripts/demo-seed.mjs || echo "[courtesy] demo seed failed; see above"
node scripts/demo-staff.mjs || echo "[courtesy] demo staff users failed; see above"

cat <<TXT

  Courtesy is running.
    Gateway API        http://127.0.0.1:3000   (health: /health)
    Staff console      http://127.0.0.1:3000/console/   (demo users above)
    Accounts           http://127.0.0.1:3001/health
    Outreach           http://127.0.0.1:3002/health
    Payments           http://127.0.0.1:3003/health
    Placement          http://127.0.0.1:3004/health
    Temporal UI        http://127.0.0.1:8233/namespaces/courtesy/workflows
    Mail (SMTP sink)   http://127.0.0.1:1080
  Logs: $LOGS/*.log      Stop: Ctrl-C (servers keep running; npm run infra:down stops them)

TXT
wait "${pids[@]}"
