#!/usr/bin/env bash
# Local, Docker-free Apache Kafka (single KRaft node: broker + controller) for Mentorflow.
#
# Usage: bash infra/kafka/kafka.sh [sasl] <fetch|start|stop|status|reset>
#
#   fetch   download the Kafka jars from Maven Central into infra/kafka/libs (only if missing)
#   start   fetch if needed, format storage once, start the broker detached and wait until it
#           answers Kafka requests (idempotent: exits 0 if a broker already answers on the port)
#   stop    graceful SIGTERM, wait for exit (30 s, then SIGKILL); exits 0 if nothing runs
#   status  "running ..." (exit 0) or "not running" (exit 1)
#   reset   stop, then delete the Kafka data dir (all topics and messages)
#
# Environment:
#   MENTORFLOW_DATA_DIR    data root (default <repo>/.data); Kafka uses $MENTORFLOW_DATA_DIR/kafka
#   KAFKA_PORT             client (PLAINTEXT) port, default 9092
#   KAFKA_CONTROLLER_PORT  KRaft controller port, default KAFKA_PORT+1
#   KAFKA_HEAP_OPTS        default "-Xms256m -Xmx768m"
#   KAFKA_JAVA_OPTS        extra JVM options (appended)
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to answer, default 90
#   KAFKA_CLUSTER_ID       cluster id used when formatting a fresh data dir (default: random)
#   KAFKA_CDS              0 disables the class-data-sharing archive (faster warm starts), default 1
#   KAFKA_RETENTION_CHECK_INTERVAL_MS  how often the broker deletes segments past their retention
#                          (log.retention.check.interval.ms, not changeable while it runs), default
#                          300000; the retention test's own broker uses 500 (set, it is also the
#                          delay before the first check, log.initial.task.delay.ms)
#
# `sasl` (or KAFKA_PROFILE=sasl; infra/kafka/kafka-sasl.sh is a shortcut) works on a SECOND,
# separate broker that only lets clients in with SASL/SCRAM (SCRAM-SHA-256 and -512): its own data
# dir ($MENTORFLOW_DATA_DIR/kafka-sasl), config (server-sasl.properties) and ports, SASL_PLAINTEXT
# on 127.0.0.1:19092 and SASL_SSL (TLS) on 127.0.0.1:19094. The default broker is not touched.
# Its users are created when its storage is formatted, i.e. on the first start after a reset:
#   KAFKA_SCRAM_USER / KAFKA_SCRAM_PASSWORD        the client user (default mentorflow / mentorflow-local-only)
#   KAFKA_SCRAM_ADMIN_PASSWORD                     the broker's own user, mentorflow-admin (default admin-local-only)
#   KAFKA_SASL_BROKER_PORT, KAFKA_SASL_CONTROLLER_PORT, KAFKA_SASL_TLS_PORT   default 19092, 19093, 19094
# The TLS listener's self-signed certificate (made with keytool at format time) is in
# <data dir>/kafka-sasl/tls/ca.pem: the KAFKA_SSL_CA_FILE of a client that connects with TLS.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_DIR="$(cd -- "$SCRIPT_DIR/../.." && pwd -P)"
LIBS_DIR="$SCRIPT_DIR/libs"
DATA_ROOT="${MENTORFLOW_DATA_DIR:-$REPO_DIR/.data}"
PROFILE="${KAFKA_PROFILE:-plaintext}"
if [[ "${1:-}" == "sasl" ]]; then
  PROFILE=sasl
  shift
fi
case "$PROFILE" in
  plaintext)
    LOG_TAG=kafka
    KAFKA_DIR="$DATA_ROOT/kafka"
    CONFIG_TEMPLATE="$SCRIPT_DIR/server.properties"
    ;;
  sasl)
    LOG_TAG=kafka-sasl
    KAFKA_DIR="$DATA_ROOT/kafka-sasl"
    CONFIG_TEMPLATE="$SCRIPT_DIR/server-sasl.properties"
    KAFKA_PORT="${KAFKA_SASL_BROKER_PORT:-19092}"
    KAFKA_CONTROLLER_PORT="${KAFKA_SASL_CONTROLLER_PORT:-19093}"
    KAFKA_TLS_PORT="${KAFKA_SASL_TLS_PORT:-19094}"
    TLS_DIR="$KAFKA_DIR/tls"
    SCRAM_ADMIN_USER=mentorflow-admin
    SCRAM_ADMIN_PASSWORD="${KAFKA_SCRAM_ADMIN_PASSWORD:-admin-local-only}"
    SCRAM_USER="${KAFKA_SCRAM_USER:-mentorflow}"
    SCRAM_PASSWORD="${KAFKA_SCRAM_PASSWORD:-mentorflow-local-only}"
    # A small, short-lived broker: a smaller heap and C1-only JIT start it faster on small machines.
    KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
    PROFILE_JVM_OPTS="-XX:TieredStopAtLevel=1"
    ;;
  *)
    printf '[kafka] unknown KAFKA_PROFILE "%s" (plaintext or sasl)\n' "$PROFILE" >&2
    exit 2
    ;;
esac
LOG_DIRS="$KAFKA_DIR/data"          # Kafka's log.dirs (topic partitions, metadata log)
APP_LOG_DIR="$KAFKA_DIR/logs"       # server.log, state-change.log, kafka.out
CONFIG_FILE="$KAFKA_DIR/server.properties"
PID_FILE="$KAFKA_DIR/kafka.pid"
LOCK_FILE="$KAFKA_DIR/.lock"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_HOST="127.0.0.1"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_COMMAND="kafka.sh stop"
[[ "$PROFILE" == "sasl" ]] && STOP_COMMAND="kafka.sh sasl stop"
STOP_TIMEOUT=30

log() { printf '[%s] %s\n' "$LOG_TAG" "$*"; }
err() { printf '[%s] %s\n' "$LOG_TAG" "$*" >&2; }
die() { err "$*"; exit 1; }

now_ms() {
  local t
  t="$(date +%s%3N)"
  [[ "$t" =~ ^[0-9]+$ ]] || t="$(($(date +%s) * 1000))" # non-GNU date
  printf '%s' "$t"
}

# Optional helpers (util-linux); skipped where unavailable (e.g. macOS).
lock_state() {
  exec 9>"$LOCK_FILE"
  if command -v flock >/dev/null 2>&1; then flock 9; fi
}
SETSID=()
if command -v setsid >/dev/null 2>&1; then SETSID=(setsid); fi

have_jars() {
  compgen -G "$LIBS_DIR/kafka_2.13-*.jar" >/dev/null
}

cmd_fetch() {
  if have_jars; then
    [[ "${1:-}" == "quiet" ]] || log "jars already present in $LIBS_DIR"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is required to download Kafka into $LIBS_DIR"
  log "downloading Kafka jars into $LIBS_DIR (maven) ..."
  # Maven 3.8 prints bare ANSI resets even with -q -B; strip them (pipefail keeps mvn's status).
  mvn -q -B -Dstyle.color=never -f "$SCRIPT_DIR/pom.xml" package 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g'
  have_jars || die "maven finished but no kafka_2.13-*.jar in $LIBS_DIR"
  log "jars ready"
}

# pid of our broker if the pid file points at a live kafka.Kafka process, else empty.
running_pid() {
  local pid
  [[ -f "$PID_FILE" ]] || return 0
  pid="$(tr -dc '0-9' <"$PID_FILE" || true)"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null && ps -o args= -p "$pid" 2>/dev/null | grep -q 'kafka\.Kafka'; then
    printf '%s' "$pid"
  fi
}

port_open() {
  (exec 3<>"/dev/tcp/$KAFKA_HOST/$KAFKA_PORT") 2>/dev/null
}

# probe_kafka <timeout-seconds> [pid]
# Polls the broker with a kafkajs admin describeCluster until it answers.
# exit 0: broker answers; 1: timeout; 2: the given pid died while waiting.
probe_kafka() {
  local timeout="$1" pid="${2:-}"
  REPO_DIR="$REPO_DIR" PROBE_BROKER="$KAFKA_HOST:$KAFKA_PORT" PROBE_TIMEOUT="$timeout" PROBE_PID="$pid" \
    PROBE_SASL_USER="${SCRAM_ADMIN_USER:-}" PROBE_SASL_PASSWORD="${SCRAM_ADMIN_PASSWORD:-}" \
    node --input-type=commonjs - <<'JS'
const { Kafka, logLevel } = require(require.resolve('kafkajs', { paths: [process.env.REPO_DIR] }));
const deadline = Date.now() + Number(process.env.PROBE_TIMEOUT) * 1000;
const pid = Number(process.env.PROBE_PID || 0);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const alive = () => { if (!pid) return true; try { process.kill(pid, 0); return true; } catch { return false; } };
(async () => {
  const kafka = new Kafka({
    clientId: 'mentorflow-kafka-probe',
    brokers: [process.env.PROBE_BROKER],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
    ...(process.env.PROBE_SASL_USER
      ? { sasl: { mechanism: 'scram-sha-256', username: process.env.PROBE_SASL_USER, password: process.env.PROBE_SASL_PASSWORD } }
      : {}),
  });
  for (;;) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const c = await admin.describeCluster();
      await admin.disconnect();
      if (c.brokers.length > 0 && c.controller != null && c.controller >= 0) {
        console.log(`cluster ${c.clusterId}, brokers ${c.brokers.map((b) => `${b.host}:${b.port}`).join(',')}`);
        process.exit(0);
      }
    } catch {
      await admin.disconnect().catch(() => {});
    }
    if (!alive()) process.exit(2);
    if (Date.now() >= deadline) process.exit(1);
    await sleep(150);
  }
})();
JS
}

render_config() {
  mkdir -p "$LOG_DIRS" "$APP_LOG_DIR"
  if [[ "$PROFILE" == "sasl" ]]; then
    ( umask 077
      sed -e "s#__LOG_DIRS__#${LOG_DIRS}#" \
          -e "s#__KAFKA_PORT__#${KAFKA_PORT}#g" \
          -e "s#__CONTROLLER_PORT__#${KAFKA_CONTROLLER_PORT}#g" \
          -e "s#__TLS_PORT__#${KAFKA_TLS_PORT}#g" \
          -e "s#__TLS_DIR__#${TLS_DIR}#g" \
          -e "s#__TLS_PASSWORD__#$(cat "$TLS_DIR/password")#g" \
          -e "s#__ADMIN_USER__#${SCRAM_ADMIN_USER}#g" \
          -e "s#__ADMIN_PASSWORD__#${SCRAM_ADMIN_PASSWORD}#g" \
          "$CONFIG_TEMPLATE" >"$CONFIG_FILE.tmp" )
    mv -f "$CONFIG_FILE.tmp" "$CONFIG_FILE"
    return 0
  fi
  local check_interval="${KAFKA_RETENTION_CHECK_INTERVAL_MS:-300000}"
  [[ "$check_interval" =~ ^[0-9]+$ ]] || die "KAFKA_RETENTION_CHECK_INTERVAL_MS: expected milliseconds"
  sed -e "s#__LOG_DIRS__#${LOG_DIRS}#" \
      -e "s#127\.0\.0\.1:9092#${KAFKA_HOST}:${KAFKA_PORT}#g" \
      -e "s#127\.0\.0\.1:9093#${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT}#g" \
      -e "s#^log\.retention\.check\.interval\.ms=.*#log.retention.check.interval.ms=${check_interval}#" \
      "$CONFIG_TEMPLATE" >"$CONFIG_FILE.tmp"
  # The first check waits log.initial.task.delay.ms (30 s by default) after start; the same short wait.
  if [[ -n "${KAFKA_RETENTION_CHECK_INTERVAL_MS:-}" ]]; then
    printf 'log.initial.task.delay.ms=%s\n' "$check_interval" >>"$CONFIG_FILE.tmp"
  fi
  mv -f "$CONFIG_FILE.tmp" "$CONFIG_FILE"
}

# sasl profile: SCRAM users and passwords go into kafka-storage's --add-scram and the broker's
# JAAS line, so keep them to characters that need no quoting there.
check_scram_settings() {
  local v
  for v in SCRAM_USER SCRAM_PASSWORD SCRAM_ADMIN_PASSWORD; do
    [[ "${!v}" =~ ^[A-Za-z0-9._-]+$ ]] || die "KAFKA_${v}: letters, digits, '.', '_' and '-' only"
  done
}

# sasl profile: the TLS listener's key and self-signed certificate (127.0.0.1 and localhost),
# made once per data dir; the certificate in PEM is what a client trusts (KAFKA_SSL_CA_FILE).
make_tls() {
  [[ -s "$TLS_DIR/broker.p12" && -s "$TLS_DIR/ca.pem" && -s "$TLS_DIR/password" ]] && return 0
  command -v keytool >/dev/null 2>&1 || die "keytool (part of the JDK) is required for the TLS listener"
  rm -rf -- "$TLS_DIR"
  mkdir -p "$TLS_DIR" "$APP_LOG_DIR"
  chmod 700 "$TLS_DIR"
  local password
  password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  ( umask 077; printf '%s' "$password" >"$TLS_DIR/password" )
  log "making the TLS listener's key and self-signed certificate in $TLS_DIR"
  keytool -J-XX:TieredStopAtLevel=1 -genkeypair -alias broker -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
    -validity 3650 -dname "CN=localhost, O=Mentorflow local Kafka" -ext "SAN=ip:127.0.0.1,dns:localhost" \
    -keystore "$TLS_DIR/broker.p12" -storetype PKCS12 -storepass "$password" -keypass "$password" \
    >>"$APP_LOG_DIR/kafka.out" 2>&1 || die "keytool -genkeypair failed (see $APP_LOG_DIR/kafka.out)"
  keytool -J-XX:TieredStopAtLevel=1 -exportcert -rfc -alias broker -keystore "$TLS_DIR/broker.p12" -storetype PKCS12 \
    -storepass "$password" -file "$TLS_DIR/ca.pem.tmp" >>"$APP_LOG_DIR/kafka.out" 2>&1 \
    || die "keytool -exportcert failed (see $APP_LOG_DIR/kafka.out)"
  mv -f "$TLS_DIR/ca.pem.tmp" "$TLS_DIR/ca.pem"
}

java_log_opts() {
  printf '%s\n' "-Dlog4j.configuration=file:$SCRIPT_DIR/log4j.properties" "-Dkafka.logs.dir=$APP_LOG_DIR"
}

format_storage() {
  if [[ -f "$LOG_DIRS/meta.properties" ]]; then
    return 0
  fi
  local cluster_id="${KAFKA_CLUSTER_ID:-}"
  if [[ -z "$cluster_id" ]]; then
    # 16 random bytes, URL-safe base64 without padding (what kafka-storage random-uuid prints);
    # like Kafka's Uuid.randomUuid, never starting with '-' (it would parse as a CLI option).
    while [[ -z "$cluster_id" || "$cluster_id" == -* ]]; do
      cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    done
  fi
  log "formatting storage in $LOG_DIRS (cluster id $cluster_id)"
  local opts=() scram=()
  mapfile -t opts < <(java_log_opts)
  if [[ "$PROFILE" == "sasl" ]]; then
    scram=(--add-scram "SCRAM-SHA-256=[name=$SCRAM_ADMIN_USER,password=$SCRAM_ADMIN_PASSWORD]"
      --add-scram "SCRAM-SHA-256=[name=$SCRAM_USER,password=$SCRAM_PASSWORD]"
      --add-scram "SCRAM-SHA-512=[name=$SCRAM_USER,password=$SCRAM_PASSWORD]")
    log "SCRAM users: $SCRAM_USER (SCRAM-SHA-256, SCRAM-SHA-512), $SCRAM_ADMIN_USER (the broker's own)"
  fi
  # Short-lived tool: C1-only JIT halves its run time (~1.8 s -> ~0.9 s).
  java -XX:TieredStopAtLevel=1 "${opts[@]}" -cp "$LIBS_DIR/*" kafka.tools.StorageTool \
    format -t "$cluster_id" -c "$CONFIG_FILE" --ignore-formatted ${scram[@]+"${scram[@]}"} >>"$APP_LOG_DIR/kafka.out" 2>&1 \
    || { tail -n 20 "$APP_LOG_DIR/kafka.out" >&2; die "storage format failed"; }
}

# Class-data sharing (AppCDS) archive of the broker's classes: cuts warm start time by ~1/3.
# The first start without an archive records one when the broker exits gracefully
# (-XX:ArchiveClassesAtExit, written next to the data dir's pid file); the next start moves it
# into infra/kafka/target/ (atomic rename) and uses it. Keyed by java binary + Kafka jars, so a
# different JDK/Kafka gets a new archive; a stale one is ignored by the JVM (-Xshare:auto).
# Disable with KAFKA_CDS=0.
cds_java_opts() {
  [[ "${KAFKA_CDS:-1}" != "0" ]] || return 0
  local key archive pending
  key="$( { readlink -f "$(command -v java)"; ls -l "$LIBS_DIR"; } | cksum | cut -d' ' -f1)"
  archive="$SCRIPT_DIR/target/kafka-cds-$key.jsa"
  pending="$KAFKA_DIR/kafka-cds-$key.jsa"
  if [[ ! -s "$archive" && -s "$pending" ]]; then
    mkdir -p "$SCRIPT_DIR/target"
    mv -f "$pending" "$archive.tmp.$$" && mv -f "$archive.tmp.$$" "$archive"
  fi
  rm -f "$KAFKA_DIR"/kafka-cds-*.jsa
  if [[ -s "$archive" ]]; then
    printf '%s\n' "-XX:SharedArchiveFile=$archive"
  elif [[ "$PROFILE" == "plaintext" ]]; then
    # Only the default broker records the archive (the sasl one uses it when there is one).
    printf '%s\n' "-XX:ArchiveClassesAtExit=$pending"
  fi
  printf '%s\n' "-Xshare:auto" "-Xlog:cds=off" "-Xlog:cds+dynamic=off"
}

print_log_tail() {
  local f
  for f in "$APP_LOG_DIR/kafka.out" "$APP_LOG_DIR/server.log"; do
    if [[ -s "$f" ]]; then
      err "---- tail of $f ----"
      tail -n 40 "$f" >&2
    fi
  done
  if [[ -s "$APP_LOG_DIR/server.log" ]] && grep -qE '(ERROR|FATAL)' "$APP_LOG_DIR/server.log"; then
    err "---- errors in $APP_LOG_DIR/server.log ----"
    grep -E '(ERROR|FATAL)' "$APP_LOG_DIR/server.log" | tail -n 10 >&2
  fi
}

wait_ready() {
  local pid="$1" t0="$2" rc=0 info
  info="$(probe_kafka "$START_TIMEOUT" "$pid")" || rc=$?
  case "$rc" in
    0) log "broker ready on $KAFKA_HOST:$KAFKA_PORT (pid $pid, $(( $(now_ms) - t0 )) ms; $info)" ;;
    2) print_log_tail; rm -f "$PID_FILE"; die "broker process $pid exited during startup" ;;
    *) print_log_tail; die "broker (pid $pid) did not answer on $KAFKA_HOST:$KAFKA_PORT within ${START_TIMEOUT}s (still running; '$STOP_COMMAND' to kill it)" ;;
  esac
}

cmd_start() {
  local t0 pid
  t0="$(now_ms)"
  command -v java >/dev/null 2>&1 || die "java (17+) is required"
  command -v node >/dev/null 2>&1 || die "node is required"
  [[ -d "$REPO_DIR/node_modules/kafkajs" ]] || die "kafkajs not found in $REPO_DIR/node_modules (run npm ci first)"
  mkdir -p "$KAFKA_DIR"
  # Serialise concurrent starts/stops. fd 9 is closed for the broker (9>&- below).
  lock_state

  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    log "broker already started (pid $pid); waiting until it answers"
    wait_ready "$pid" "$t0"
    return 0
  fi
  if port_open; then
    if probe_kafka 5 >/dev/null; then
      log "a Kafka broker already answers on $KAFKA_HOST:$KAFKA_PORT (not started by this script); nothing to do"
      return 0
    fi
    die "port $KAFKA_HOST:$KAFKA_PORT is in use by something that is not a Kafka broker"
  fi

  cmd_fetch quiet
  if [[ "$PROFILE" == "sasl" ]]; then
    check_scram_settings
    make_tls
  fi
  render_config
  format_storage

  local jvm_opts=() log_opts=()
  # shellcheck disable=SC2206  # intentional word splitting of option strings
  jvm_opts=(${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
    ${PROFILE_JVM_OPTS:-} ${KAFKA_JAVA_OPTS:-})
  mapfile -t log_opts < <(java_log_opts)
  local cds_opts=()
  mapfile -t cds_opts < <(cds_java_opts)

  if [[ "$PROFILE" == "sasl" ]]; then
    log "starting broker on $KAFKA_HOST:$KAFKA_PORT (SASL/SCRAM), TLS :$KAFKA_TLS_PORT (controller :$KAFKA_CONTROLLER_PORT, data $KAFKA_DIR)"
  else
    log "starting broker on $KAFKA_HOST:$KAFKA_PORT (controller :$KAFKA_CONTROLLER_PORT, data $KAFKA_DIR)"
  fi
  rm -f "$PID_FILE"
  # New session, no terminal, no inherited pipes/locks: survives the calling shell.
  # The inner bash writes its own pid and then execs java, so the pid file is java's pid.
  nohup "${SETSID[@]}" bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    java "${jvm_opts[@]}" "${cds_opts[@]}" "${log_opts[@]}" -cp "$LIBS_DIR/*" kafka.Kafka "$CONFIG_FILE" \
    </dev/null >>"$APP_LOG_DIR/kafka.out" 2>&1 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$PID_FILE" ]] && break
    sleep 0.02
  done
  pid="$(tr -dc '0-9' <"$PID_FILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] || die "could not launch the broker (no pid file)"
  wait_ready "$pid" "$t0"
}

cmd_stop() {
  local pid i
  [[ -d "$KAFKA_DIR" ]] || { log "not running"; return 0; }
  lock_state
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping broker (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    err "broker did not stop within ${STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    if probe_kafka 2 "$pid" >/dev/null; then
      log "running (pid $pid, $KAFKA_HOST:$KAFKA_PORT, data $KAFKA_DIR)"
    else
      log "running (pid $pid) but not answering on $KAFKA_HOST:$KAFKA_PORT yet"
    fi
    return 0
  fi
  if port_open && probe_kafka 2 >/dev/null; then
    log "running (external broker on $KAFKA_HOST:$KAFKA_PORT, not managed by this script)"
    return 0
  fi
  log "not running"
  return 1
}

cmd_reset() {
  cmd_stop
  if [[ -d "$KAFKA_DIR" ]]; then
    rm -rf -- "$KAFKA_DIR"
    log "deleted $KAFKA_DIR"
  fi
}

main() {
  local cmd="${1:-}"
  case "$cmd" in
    fetch) cmd_fetch ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    reset) cmd_reset ;;
    *)
      echo "usage: $(basename "$0") [sasl] {fetch|start|stop|status|reset}" >&2
      exit 2
      ;;
  esac
}

main "$@"
