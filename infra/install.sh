# Installs what the local servers need, idempotently, through the ordinary registry clients only
# (apt, go install, mvn). Sourced by infra/up. Each step is skipped when its result is already there.

ensure_postgres() {
  pg_bin >/dev/null && return 0
  # Debian's package would create and start its own cluster on 5432; ours lives under .data instead.
  as_root mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null || true
  apt_install postgresql
  pg_bin >/dev/null || die "PostgreSQL server binaries not found after install: apt-get install postgresql"
}

ensure_java() {
  command -v java >/dev/null 2>&1 || apt_install openjdk-17-jre-headless
  command -v mvn >/dev/null 2>&1 || apt_install maven
  command -v java >/dev/null 2>&1 || die "Java 17 is missing: apt-get install openjdk-17-jre-headless"
  command -v mvn >/dev/null 2>&1 || die "Maven is missing: apt-get install maven"
}

# mvn resolves into ~/.m2; copy-dependencies lays the jars flat so `java -cp dir/*` runs them.
maven_runtime() { # pom-dir dest-lib
  local pom="$ROOT/infra/maven/$1/pom.xml" dest=$2 stamp="$2/.pom.sha"
  local want; want=$(sha256sum "$pom" | cut -d' ' -f1)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
  log "fetching $1 jars from Maven Central (mvn)"
  rm -rf "$dest"; mkdir -p "$dest"
  mvn -q -B -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dest" \
    >"$LOGS/mvn-$1.log" 2>&1 || die "mvn could not fetch $1 (see $LOGS/mvn-$1.log)"
  echo "$want" >"$stamp"
}

ensure_kafka() {
  ensure_java
  maven_runtime kafka "$KAFKA_LIB"
}

ensure_temporal_test_server() {
  ensure_java
  maven_runtime temporal-test-server "$TOOLS/temporal-test-server/lib"
  # @temporalio/testing spawns `<path> <port>`; a 5 s connect deadline applies, so keep JVM start lean.
  cat >"$TEST_SERVER_BIN" <<'SH'
#!/bin/sh
DIR="$(cd "$(dirname "$0")" && pwd)"
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xmx512m \
  -cp "$DIR/lib/*" io.temporal.testserver.TestServer "$@"
SH
  chmod +x "$TEST_SERVER_BIN"
}

ensure_temporal_cli() {
  if [ -x "$TEMPORAL_BIN" ] && [ -f "$TOOLS/bin/.temporal-version" ] \
     && [ "$(cat "$TOOLS/bin/.temporal-version")" = "$TEMPORAL_CLI_VERSION" ]; then return 0; fi
  command -v go >/dev/null 2>&1 || apt_install golang-go
  command -v go >/dev/null 2>&1 || die "Go is missing: install Go 1.25 or newer (apt-get install golang-go, or go.dev)"
  log "building the Temporal CLI $TEMPORAL_CLI_VERSION with go install (a few minutes on first run)"
  local t0=$SECONDS
  CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod GOBIN="$TOOLS/bin" \
    go install -ldflags "-s -w" "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" \
    >"$LOGS/go-install-temporal.log" 2>&1 || die "go install of the Temporal CLI failed (see $LOGS/go-install-temporal.log)"
  echo "$TEMPORAL_CLI_VERSION" >"$TOOLS/bin/.temporal-version"
  log "Temporal CLI built in $((SECONDS - t0)) s"
}

# stripe-mock answers like the card processor's API, so the Stripe adapter's request shapes are checked by a
# real peer in tests; built from source with go install like the Temporal CLI.
STRIPE_MOCK_VERSION="v0.203.0"
ensure_stripe_mock() {
  if [ -x "$TOOLS/bin/stripe-mock" ] && [ "$(cat "$TOOLS/bin/.stripe-mock-version" 2>/dev/null)" = "$STRIPE_MOCK_VERSION" ]; then return 0; fi
  command -v go >/dev/null 2>&1 || apt_install golang-go
  log "building stripe-mock $STRIPE_MOCK_VERSION with go install"
  CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod GOBIN="$TOOLS/bin" \
    go install -ldflags "-s -w" "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION" \
    >"$LOGS/go-install-stripe-mock.log" 2>&1 || die "go install of stripe-mock failed (see $LOGS/go-install-stripe-mock.log)"
  echo "$STRIPE_MOCK_VERSION" >"$TOOLS/bin/.stripe-mock-version"
}

# The pay page's browser tests drive Debian's Chromium through playwright-core (no browser download).
ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
  [ -x /usr/bin/chromium ] || die "Chromium is missing: apt-get install chromium"
}

ensure_poppler() { # pdftotext/pdftoppm: the outreach tests read the statement PDFs back
  command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || apt_install poppler-utils
  command -v pdftotext >/dev/null || die "poppler-utils is missing (pdftotext): apt-get install poppler-utils"
}

ensure_node_modules() {
  [ -x "$ROOT/node_modules/.bin/maildev" ] || die "node_modules missing: run npm install (npm start and npm test do it for you)"
}
