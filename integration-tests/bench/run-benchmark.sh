#!/usr/bin/env bash
# Quarkus Session benchmark: wrk over loopback against the integration-tests app.
#
#   integration-tests/bench/run-benchmark.sh [--duration S] [--rounds R] [--connections C] [--jar PATH]
#       [--warmup S] [--heap-sessions N] [--session-timeout S] [--skip-heap]
#       [--pin] [--build | --no-build] [--out DIR]
# Without --jar the app is (re)built when its jar is missing or older than any pom.xml or src/ file
# (--build: always, --no-build: never).  Traffic goes to 127.0.0.1 only.
#
# Measures /bench/{plain,plain-nb,vertx-plain} (baselines) and /bench/{counter,counter-nb,vertx-counter}
# with returning visitors (one session per wrk connection, counter checked for lost updates) and new
# visitors (never a cookie), in interleaved rounds; then live heap per session in a fresh JVM.
# Prints a markdown report on stdout (progress goes to stderr) and keeps everything in --out.
# --pin: wrk on CPU 0, the app on the other CPUs (less scheduler interference between client and
#        server, but on a 2-CPU machine the app gets a single CPU).
# The throughput JVM gets -Dbench.session-timeout-seconds=S (--session-timeout, default 15), the idle
# timeout of the Vert.x LocalSessionStore (unbounded: with its 30 min default, new-visitor runs would
# fill the 1g heap). Quarkus Session keeps its own defaults (bounded memory store); change them with
# BENCH_JVM_OPTS, e.g. BENCH_JVM_OPTS=-Dquarkus.session.idle-timeout=15S.
# Heap per session: jcmd GC.class_histogram (falls back to GET /bench/stats {"heapUsedBytes": n}).
# Environment: BENCH_JVM_OPTS  extra JVM options appended to the fixed heap flags.
#              JAVA            java binary (default: java on PATH); jcmd is taken from the same JDK.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
LUA="$BENCH_DIR/bench.lua"
PY="$BENCH_DIR/bench.py"

DURATION=10
ROUNDS=5
CONNECTIONS=4
JAR=""
WARMUP=""
HEAP_SESSIONS=20000
SESSION_TIMEOUT=15
SKIP_HEAP=0
PIN=0
BUILD=auto
OUT=""
HEAP_FLAGS="-Xms1g -Xmx1g -XX:+ExitOnOutOfMemoryError"
JVM_OPTS="$HEAP_FLAGS${BENCH_JVM_OPTS:+ $BENCH_JVM_OPTS}"
JAVA="${JAVA:-java}"

usage() { sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
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
    --jar) JAR="${2:-}"; shift 2 ;;
    --warmup) WARMUP="${2:-}"; shift 2 ;;
    --heap-sessions) HEAP_SESSIONS="${2:-}"; shift 2 ;;
    --session-timeout) SESSION_TIMEOUT="${2:-}"; shift 2 ;;
    --skip-heap) SKIP_HEAP=1; shift ;;
    --pin) PIN=1; shift ;;
    --build) BUILD=always; shift ;;
    --no-build) BUILD=never; shift ;;
    --out) OUT="${2:-}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done
WARMUP="${WARMUP:-$DURATION}"
int_in --duration "$DURATION" 1 600
int_in --rounds "$ROUNDS" 1 50
int_in --connections "$CONNECTIONS" 1 256
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

# ------------------------------------------------------------------ the app
if [[ -n "$JAR" ]]; then
  [[ -f "$JAR" ]] || die "--jar $JAR: no such file"
  JAR="$(readlink -f "$JAR")"
else
  JAR="$ROOT/integration-tests/target/quarkus-app/quarkus-run.jar"
  STAMP="$ROOT/integration-tests/target/bench-build.stamp"
  need_build=0
  if [[ "$BUILD" == always || ! -f "$JAR" ]]; then
    need_build=1
  elif [[ "$BUILD" == auto ]]; then
    ref="$JAR"; [[ -f "$STAMP" && "$STAMP" -nt "$JAR" ]] && ref="$STAMP"
    newer="$(find "$ROOT/pom.xml" "$ROOT"/{runtime,deployment,integration-tests}/pom.xml \
                  "$ROOT"/{runtime,deployment,integration-tests}/src -type f -newer "$ref" -print -quit 2>/dev/null || true)"
    [[ -n "$newer" ]] && { log "sources changed since the last build ($newer)"; need_build=1; }
  fi
  if (( need_build )); then
    [[ "$BUILD" == never ]] && die "$JAR is missing and --no-build was given"
    log "building: ./mvnw -B -q package -DskipTests -pl integration-tests -am"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl integration-tests -am) >&2 || die "build failed"
    [[ -f "$JAR" ]] || die "build did not produce $JAR"
    touch "$STAMP"
  fi
fi

OUT="${OUT:-$ROOT/integration-tests/target/bench/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT/raw"
OUT="$(cd "$OUT" && pwd)"
RESULTS="$OUT/results.jsonl"; : > "$RESULTS"

APP_PID=""
APP_PORT=""
APP_LOG=""
stop_app() {
  [[ -n "$APP_PID" ]] || return 0
  if kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$APP_PID" 2>/dev/null && { log "app did not stop, killing $APP_PID"; kill -KILL "$APP_PID" 2>/dev/null || true; }
  fi
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}
trap stop_app EXIT
trap 'stop_app; exit 130' INT TERM

start_app() { # label, pin(0|1), extra JVM args...
  local label="$1" pin="$2"; shift 2
  local pre=(); (( pin )) && pre=("${APP_CPU[@]}")
  APP_PORT="$(python3 "$PY" free-port)"
  APP_LOG="$OUT/app-$label.log"
  # shellcheck disable=SC2086
  "${pre[@]}" "$JAVA" $JVM_OPTS "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$APP_PORT" \
    -jar "$JAR" > "$APP_LOG" 2>&1 &
  APP_PID=$!
  log "started app ($label) pid $APP_PID on 127.0.0.1:$APP_PORT, log $APP_LOG"
  python3 "$PY" wait-http "http://127.0.0.1:$APP_PORT/" 120 "$APP_PID" \
    || { tail -n 30 "$APP_LOG" >&2; die "app did not come up"; }
}
url() { echo "http://127.0.0.1:$APP_PORT/bench/$1"; }
app_alive() { [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; }

# ------------------------------------------------------------------ throughput
CASES=(plain:plain plain-nb:plain vertx-plain:plain
       counter:returning counter:new counter-nb:returning counter-nb:new
       vertx-counter:returning vertx-counter:new)
APP_DIED=0
MISSING=()

start_app throughput "$PIN" "-Dbench.session-timeout-seconds=$SESSION_TIMEOUT"
AVAILABLE=()
for ep in plain plain-nb vertx-plain counter counter-nb vertx-counter; do
  code="$(python3 "$PY" probe "$(url "$ep")")"
  if [[ "$code" == 2* ]]; then AVAILABLE+=("$ep"); else MISSING+=("$ep"); log "skipping /bench/$ep (probe answered $code)"; fi
done
(( ${#AVAILABLE[@]} > 0 )) || die "none of the /bench endpoints answer 2xx: is $JAR built with the bench resources? (try --build)"
RUN_CASES=()
for c in "${CASES[@]}"; do
  for ep in "${AVAILABLE[@]}"; do [[ "${c%%:*}" == "$ep" ]] && RUN_CASES+=("$c"); done
done

n_runs=$(( ${#RUN_CASES[@]} * (ROUNDS + (WARMUP > 0 ? 1 : 0)) ))
est=$(( ${#RUN_CASES[@]} * (ROUNDS * (DURATION + 1) + (WARMUP > 0 ? WARMUP + 1 : 0)) ))
log "$n_runs wrk runs (${#RUN_CASES[@]} cases), about $(( est / 60 + 1 )) min; raw output in $OUT/raw"

first_round=1; (( WARMUP > 0 )) && first_round=0
for (( round = first_round; round <= ROUNDS; round++ )); do
  d=$DURATION; warm=false
  (( round == 0 )) && { d=$WARMUP; warm=true; }
  # seeded shuffle: reproducible, and a case's neighbours (e.g. GC debt left by a new-visitor run) vary
  read -r -a order <<< "$(python3 -c 'import random,sys; l=sys.argv[2:]; random.Random(int(sys.argv[1])).shuffle(l); print(" ".join(l))' "$round" "${RUN_CASES[@]}")"
  log "round $round/$ROUNDS$([[ $warm == true ]] && echo ' (warmup, not counted)'): ${order[*]}"
  for c in "${order[@]}"; do
    ep="${c%%:*}"; mode="${c##*:}"
    raw="$OUT/raw/r${round}-${ep}-${mode}.txt"
    timeout --kill-after=5 $(( d + 30 )) \
      "${WRK_CPU[@]}" wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${d}s" --timeout 5s -s "$LUA" "$(url "$ep")" -- "$mode" \
      > "$raw" 2>&1 || log "wrk exited non-zero for $ep/$mode (see $raw)"
    python3 "$PY" result "$raw" \
      "{\"round\": $round, \"warmup\": $warm, \"endpoint\": \"$ep\", \"mode\": \"$mode\", \"duration_s\": $d}" \
      >> "$RESULTS"
    tail -n 1 "$RESULTS" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("    %-14s %-9s %s" % (r["endpoint"], r["mode"], ("%.0f req/s  p99 %.2f ms  counter_err %d  non2xx %d" % (r["rps"], r["lat_p99_us"]/1000, r["counter_errors"], r["non2xx"])) if r["ok"] else "NO RESULT"))' >&2
    if ! app_alive; then
      APP_DIED=1; log "the app died during $ep/$mode; see $APP_LOG"; break 2
    fi
    sleep 1
  done
done
THROUGHPUT_LOG="$APP_LOG"
stop_app

# ------------------------------------------------------------------ heap per session
HEAP_JSON="$OUT/heap.json"
KINDS="$OUT/heap-kinds.jsonl"; : > "$KINDS"
heap_note=""
heap_method=""
has() { local x; for x in "${AVAILABLE[@]}"; do [[ "$x" == "$1" ]] && return 0; done; return 1; }
if (( SKIP_HEAP )); then
  heap_note="skipped: --skip-heap"
else
  SESSION_EPS=(); has counter && SESSION_EPS+=(counter); has vertx-counter && SESSION_EPS+=(vertx-counter)
  if (( ${#SESSION_EPS[@]} == 0 )); then
    heap_note="skipped: no session endpoint available"
  else
    start_app heap 0
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
python3 "$PY" heap-json "$heap_method" "$JVM_OPTS" "$KINDS" "$heap_note" > "$HEAP_JSON"

# ------------------------------------------------------------------ report
META="$OUT/meta.json"
M_DATE="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
M_GIT="$(if git -C "$ROOT" rev-parse --short HEAD 2>/dev/null; then git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (dirty)'; else echo unknown; fi | tr -d '\n')" \
M_JAVA="$("$JAVA" -version 2>&1 | head -n 1)" M_WRK="$(wrk -v 2>&1 | head -n 1 | cut -c1-60)" \
M_CPUS="$(nproc)" M_MISSING="${MISSING[*]:-}" M_JAR="$JAR" M_JVM_OPTS="$JVM_OPTS" M_LOG="$THROUGHPUT_LOG" \
M_NUMS="$DURATION $WARMUP $ROUNDS $CONNECTIONS $SESSION_TIMEOUT $APP_DIED $PIN" \
python3 - "$META" <<'EOF'
import json, os, sys
e = os.environ
d, w, r, c, t, died, pin = (int(x) for x in e["M_NUMS"].split())
json.dump({"date": e["M_DATE"], "git": e["M_GIT"], "jar": e["M_JAR"], "java": e["M_JAVA"],
           "jvm_opts": e["M_JVM_OPTS"].strip(), "wrk": e["M_WRK"], "cpus": e["M_CPUS"],
           "duration_s": d, "warmup_s": w, "rounds": r, "connections": c, "session_timeout_s": t,
           "pinned": "wrk on CPU 0, app on the others" if pin else "no",
           "missing_endpoints": e["M_MISSING"].split(), "app_died": bool(died), "app_log": e["M_LOG"]},
          open(sys.argv[1], "w"), indent=1)
EOF
python3 "$PY" report "$RESULTS" "$HEAP_JSON" "$META" | tee "$OUT/report.md"
log "report: $OUT/report.md"
(( APP_DIED == 0 )) || exit 3
