# How each local server is started and checked. Sourced by infra/up and infra/status.

SERVICES=(gateway accounts outreach payments placement)
DATABASES=(courtesy courtesy_test)

# ---------------------------------------------------------------- PostgreSQL
start_postgres() {
  local bin; bin=$(pg_bin)
  local pgdata="$DATA/postgres" sock="$DATA/postgres-run"
  mkdir -p "$sock"
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    log "initialising PostgreSQL cluster in $pgdata"
    mkdir -p "$pgdata"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$pgdata" "$sock"
    pg_user_run "$bin/initdb" -D "$pgdata" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$LOGS/postgres-initdb.log" 2>&1 || die "initdb failed (see $LOGS/postgres-initdb.log)"
    cat >>"$pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$sock'
max_connections = 300
shared_buffers = 256MB
fsync = on
synchronous_commit = on
log_min_messages = warning
CONF
  fi
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$sock"
  if pg_user_run "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    log "postgres already running"
  else
    port_open "$PG_PORT" && die "port $PG_PORT is taken by another process; stop it (for Debian's own cluster: pg_ctlcluster 15 main stop)"
    [ "$(id -u)" = 0 ] && touch "$LOGS/postgres.log" && chown postgres "$LOGS/postgres.log"
    pg_user_run "$bin/pg_ctl" -D "$pgdata" -l "$LOGS/postgres.log" -w -t 60 start >/dev/null \
      || die "postgres did not start (see $LOGS/postgres.log)"
    pg_user_run cat "$pgdata/postmaster.pid" | head -1 >"$PIDS/postgres.pid"
    log "postgres started on 127.0.0.1:$PG_PORT"
  fi
  provision_postgres
}

psql_admin() { PGOPTIONS="-c client_min_messages=warning" pg_user_run "$(pg_bin)/psql" -h "$DATA/postgres-run" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

# One database per environment; in each, one schema owned by one login role per service.
# Dev passwords equal the role name; production sets real ones through DATABASE_URL.
provision_postgres() {
  local db svc
  for db in "${DATABASES[@]}"; do
    [ "$(psql_admin -d postgres -c "select 1 from pg_database where datname='$db'")" = 1 ] \
      || psql_admin -d postgres -c "create database $db"
  done
  for svc in "${SERVICES[@]}"; do
    psql_admin -d postgres -c "do \$\$ begin
      if not exists (select from pg_roles where rolname = '$svc') then create role $svc login password '$svc'; end if;
    end \$\$;"
    for db in "${DATABASES[@]}"; do
      psql_admin -d "$db" -c "create schema if not exists $svc authorization $svc;
        alter role $svc in database $db set search_path = $svc;
        grant connect on database $db to $svc;"
    done
  done
}

stop_postgres() {
  local bin; bin=$(pg_bin) || return 0
  [ -f "$DATA/postgres/PG_VERSION" ] || return 0
  if pg_user_run "$bin/pg_ctl" -D "$DATA/postgres" status >/dev/null 2>&1; then
    pg_user_run "$bin/pg_ctl" -D "$DATA/postgres" -m fast -w stop >/dev/null && log "postgres stopped"
  fi
  rm -f "$PIDS/postgres.pid"
}

# ---------------------------------------------------------------- Kafka (single KRaft node)
start_kafka() {
  local dir="$DATA/kafka"; mkdir -p "$dir"
  cat >"$dir/server.properties" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=6
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.hours=168
CONF
  cat >"$dir/log4j.properties" <<'CONF'
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
CONF
  local java_opts=(-Xms256m -Xmx768m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
    "-Dlog4j.configuration=file:$dir/log4j.properties" "-Dkafka.logs.dir=$LOGS")
  if pid_alive kafka; then log "kafka already running (pid $(cat "$PIDS/kafka.pid"))"; return 0; fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by another process"
  if [ ! -f "$dir/data/meta.properties" ]; then
    log "formatting Kafka storage in $dir/data"
    local cid; cid=$(java "${java_opts[@]}" -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid 2>>"$LOGS/kafka.log")
    java "${java_opts[@]}" -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format -t "$cid" \
      -c "$dir/server.properties" --ignore-formatted >>"$LOGS/kafka.log" 2>&1 || die "kafka storage format failed (see $LOGS/kafka.log)"
  fi
  spawn kafka java "${java_opts[@]}" -cp "$KAFKA_LIB/*" kafka.Kafka "$dir/server.properties"
}

# ---------------------------------------------------------------- Temporal dev server
TEMPORAL_NAMESPACES=(courtesy courtesy-test)
TEMPORAL_SEARCH_ATTRIBUTES=(TenantId=Keyword ClinicId=Keyword Stage=Keyword Segment=Keyword
  BalanceCents=Int DaysSinceFirstStatement=Int NextActionAt=Datetime)

start_temporal() {
  mkdir -p "$DATA/temporal"
  if pid_alive temporal; then log "temporal already running (pid $(cat "$PIDS/temporal.pid"))"; return 0; fi
  port_open "$TEMPORAL_PORT" && die "port $TEMPORAL_PORT is taken by another process"
  local args=(server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT"
    --http-port "$TEMPORAL_HTTP_PORT" --metrics-port "$TEMPORAL_METRICS_PORT"
    --db-filename "$DATA/temporal/temporal.sqlite"
    --sqlite-pragma journal_mode=WAL --sqlite-pragma synchronous=NORMAL --sqlite-pragma busy_timeout=5000
    --dynamic-config-value frontend.enableServerVersionCheck=false
    --dynamic-config-value frontend.enableUpdateWorkflowExecution=true
    --dynamic-config-value frontend.enableUpdateWorkflowExecutionAsyncAccepted=true
    --dynamic-config-value system.enableEagerWorkflowStart=true
    --log-format json --log-level warn)
  local ns sa
  for ns in "${TEMPORAL_NAMESPACES[@]}"; do args+=(--namespace "$ns"); done
  for sa in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa"); done
  # The UI asks the gateway's codec endpoint to show decoded payloads to an authorised ops engineer.
  [ -n "${TEMPORAL_UI_CODEC_ENDPOINT:-}" ] && args+=(--ui-codec-endpoint "$TEMPORAL_UI_CODEC_ENDPOINT")
  TEMPORAL_VERSION_CHECK_DISABLED=1 spawn temporal "$TEMPORAL_BIN" "${args[@]}"
}

wait_temporal() {
  local i
  for ((i = 0; i < 600; i++)); do
    "$TEMPORAL_BIN" operator namespace describe --address "127.0.0.1:$TEMPORAL_PORT" -n courtesy-test >/dev/null 2>&1 && return 0
    pid_alive temporal || die "temporal exited (see $LOGS/temporal.log)"
    sleep 0.1
  done
  die "temporal did not become ready in 60 s (see $LOGS/temporal.log)"
}

# ---------------------------------------------------------------- SMTP sink with a web UI
start_mail() {
  if pid_alive mail; then log "mail sink already running (pid $(cat "$PIDS/mail.pid"))"; return 0; fi
  port_open "$SMTP_PORT" && die "port $SMTP_PORT is taken by another process"
  mkdir -p "$DATA/mail"
  spawn mail node "$ROOT/node_modules/maildev/dist/bin/maildev.js" --smtp "$SMTP_PORT" --ip 127.0.0.1 \
    --web "$MAIL_UI_PORT" --web-ip 127.0.0.1 --mail-directory "$DATA/mail" --silent
}
