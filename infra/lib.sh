# Shared settings and helpers for infra/up, infra/down, infra/status. Sourced, not run.
# Everything listens on 127.0.0.1; data lives under .data/ (git-ignored), downloads under .tools/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${COURTESY_DATA_DIR:-$ROOT/.data}"
TOOLS="${COURTESY_TOOLS_DIR:-$ROOT/.tools}"
PIDS="$DATA/pids"
LOGS="$DATA/logs"
mkdir -p "$DATA" "$TOOLS/bin" "$PIDS" "$LOGS"

# Pinned versions. Temporal CLI v1.5.1 is the last tag without `replace` directives, so `go install` works.
TEMPORAL_CLI_VERSION="v1.5.1"
KAFKA_VERSION="3.9.1"

PG_PORT="${PGPORT_COURTESY:-5432}"
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
TEMPORAL_PORT=7233
TEMPORAL_UI_PORT=8233
TEMPORAL_HTTP_PORT=7243
TEMPORAL_METRICS_PORT=7244
SMTP_PORT=1025
MAIL_UI_PORT=1080

TEMPORAL_BIN="$TOOLS/bin/temporal"
TEST_SERVER_BIN="$TOOLS/temporal-test-server/temporal-test-server"
KAFKA_LIB="$TOOLS/kafka/lib"

log() { printf '\033[1;34m[infra]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[infra]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else return 1; fi
}

apt_install() {
  log "installing Debian packages: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    -o Dpkg::Options::=--force-confold "$@" >"$LOGS/apt.log" 2>&1 \
    || { as_root apt-get update -q >>"$LOGS/apt.log" 2>&1 && \
         as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
           -o Dpkg::Options::=--force-confold "$@" >>"$LOGS/apt.log" 2>&1; } \
    || die "could not install $* with apt-get (see $LOGS/apt.log); install them by hand and re-run"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # name port seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do port_open "$2" && return 0; sleep 0.1; done
  die "$1 did not open 127.0.0.1:$2 within $3 s (log: $LOGS/$1.log)"
}

pid_alive() { [ -f "$PIDS/$1.pid" ] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }

# Starts a long-running server detached from this shell, remembering its PID so `down` stops only what we started.
spawn() { # name command...
  local name=$1; shift
  if pid_alive "$name"; then log "$name already running (pid $(cat "$PIDS/$name.pid"))"; return 0; fi
  setsid nohup "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$PIDS/$name.pid"
  log "$name started (pid $!)"
}

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/postgres" ] && { echo "$d"; return 0; }; done
  return 1
}

# Postgres refuses to run as root; a root user runs it as the Debian `postgres` account.
pg_user_run() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
