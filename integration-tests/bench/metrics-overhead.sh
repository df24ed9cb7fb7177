#!/usr/bin/env bash
# What the session meters cost the memory store, measured as a paired comparison in one run.
#
#   integration-tests/bench/metrics-overhead.sh [--jar PATH] [--rounds R] [--duration S] [--warmup S]
#       [--connections N] [--control] [--out DIR]
#
# Two instances of the demo app run side by side from the same jar: "on" with the session meters (the demo app
# contains Micrometer with Prometheus) and "off" with -Dquarkus.session.metrics.enabled=false. Each round measures, in
# turn, /bench/plain-nb (the no-session baseline) and /bench/counter-nb with returning and with new visitors, and each
# of these on both instances at the same time: one wrk per instance, N connections each (default 2), started together.
# On this shared two-CPU machine the throughput of one endpoint drifts by 10-30% from one run to the next, far more
# than the meters can cost; two instances loaded at the same moment share whatever the machine gives, so the ratio of
# their throughputs is steady where the throughputs are not.
#
# For each round and visitor kind the report divides the session endpoint's ratio to the baseline measured with it on
# the instance with meters on by the same ratio on the instance with meters off ("on/off": 1.000 is no cost, 0.970 is 3%
# fewer requests per second), and gives the median over the rounds; the baseline's own on/off ratio shows what the two
# instances differ by without any session; and the app's CPU time per request of each instance (utime + stime of the
# JVM over the run, divided by its answers). --control starts both instances with the meters off: what the report then
# shows is the noise of the method alone.
# The apps run -Xms1g -Xmx1g; each measurement starts after a full GC of both instances (jcmd GC.run).
# Exit status: 0 when every answer of every run succeeded (bench.lua's checks, counters included), 4 otherwise.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
LUA="$BENCH_DIR/bench.lua"
PY="$BENCH_DIR/bench.py"
JAR="$ROOT/integration-tests/target/quarkus-app/quarkus-run.jar"
ROUNDS=10
DURATION=5
WARMUP=5
CONNECTIONS=2
CONTROL=false
OUT=""

die() { echo "metrics-overhead.sh: $*" >&2; exit 2; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

while (( $# )); do
  case "$1" in
    --jar) JAR="${2:-}"; shift 2 ;;
    --rounds) ROUNDS="${2:-}"; shift 2 ;;
    --duration) DURATION="${2:-}"; shift 2 ;;
    --warmup) WARMUP="${2:-}"; shift 2 ;;
    --connections) CONNECTIONS="${2:-}"; shift 2 ;;
    --control) CONTROL=true; shift ;;
    --out) OUT="${2:-}"; shift 2 ;;
    *) die "unknown argument $1 (see the comment at the top of this script)" ;;
  esac
done
[[ -f "$JAR" ]] || die "--jar $JAR: no such file (build it with ./mvnw package -pl integration-tests -DskipTests)"
command -v wrk > /dev/null || die "wrk not found (apt-get install -y wrk)"
OUT="${OUT:-$(mktemp -d /tmp/metrics-overhead.XXXXXX)}"
mkdir -p "$OUT/raw"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
JAVA="${JAVA:-java}"
JCMD="$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd"
HZ="$(getconf CLK_TCK)"

declare -A PID PORT
stop_all() { for label in "${!PID[@]}"; do kill "${PID[$label]}" 2> /dev/null || true; done; wait 2> /dev/null || true; }
trap stop_all EXIT

start() { # label, extra JVM args...
  local label="$1"; shift
  PORT[$label]="$(python3 "$PY" free-port)"
  "$JAVA" -Xms1g -Xmx1g -XX:+ExitOnOutOfMemoryError "$@" -Dquarkus.session.store=memory \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="${PORT[$label]}" -jar "$JAR" > "$OUT/app-$label.log" 2>&1 &
  PID[$label]=$!
  python3 "$PY" wait-http "http://127.0.0.1:${PORT[$label]}/" 120 "${PID[$label]}" \
    || { tail -n 30 "$OUT/app-$label.log" >&2; die "app $label did not come up"; }
  log "app $label: pid ${PID[$label]}, port ${PORT[$label]}"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

run_wrk() { # label, endpoint, mode, round, seconds: one wrk run, its result appended to RESULTS
  local label="$1" ep="$2" mode="$3" round="$4" seconds="$5"
  local raw="$OUT/raw/r$round-$label-$ep-$mode.txt" before after
  before="$(cpu_ticks "${PID[$label]}")"
  wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s -s "$LUA" \
    "http://127.0.0.1:${PORT[$label]}/bench/$ep" -- "$mode" > "$raw" 2>&1 || log "wrk exited non-zero ($raw)"
  after="$(cpu_ticks "${PID[$label]}")"
  python3 "$PY" result "$raw" "{\"meters\": \"$label\", \"endpoint\": \"$ep\", \"mode\": \"$mode\", \"round\": $round, \
\"duration_s\": $seconds, \"app_cpu_s\": $(awk -v t=$(( after - before )) -v hz="$HZ" 'BEGIN { print t / hz }')}" \
    > "$raw.json"
}

measure() { # endpoint, mode, round, seconds: both instances at once
  local ep="$1" mode="$2" round="$3" seconds="$4"
  "$JCMD" "${PID[on]}" GC.run > /dev/null 2>&1 || true
  "$JCMD" "${PID[off]}" GC.run > /dev/null 2>&1 || true
  run_wrk on "$ep" "$mode" "$round" "$seconds" &
  local on_wrk=$!
  run_wrk off "$ep" "$mode" "$round" "$seconds"
  wait "$on_wrk"
  cat "$OUT/raw/r$round-on-$ep-$mode.txt.json" "$OUT/raw/r$round-off-$ep-$mode.txt.json" >> "$RESULTS"
  for label in on off; do
    kill -0 "${PID[$label]}" 2> /dev/null || die "app $label died (log $OUT/app-$label.log)"
  done
  sleep 1
}

CASES=("plain-nb plain" "counter-nb returning" "counter-nb new")

start on
if [[ "$CONTROL" == true ]]; then
  log "control run: both instances with the meters off"
  start off -Dquarkus.session.metrics.enabled=false
  # the "on" instance restarted with the meters off too
  kill "${PID[on]}"; wait "${PID[on]}" 2> /dev/null || true
  start on -Dquarkus.session.metrics.enabled=false
else
  start off -Dquarkus.session.metrics.enabled=false
fi
if (( WARMUP > 0 )); then
  log "warmup: ${WARMUP}s per case, not counted"
  for c in "${CASES[@]}"; do read -r ep mode <<< "$c"; measure "$ep" "$mode" 0 "$WARMUP"; done
fi
for (( round = 1; round <= ROUNDS; round++ )); do
  log "round $round/$ROUNDS"
  for c in "${CASES[@]}"; do read -r ep mode <<< "$c"; measure "$ep" "$mode" "$round" "$DURATION"; done
done

python3 - "$RESULTS" "$CONNECTIONS" "$DURATION" "$CONTROL" <<'PYEOF'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
failures = [r for r in rows if not r.get("ok") or any(int(r.get(k, 0)) for k in
            ("counter_errors", "non2xx", "bad_body", "no_cookie", "err_timeout", "err_connect", "err_read", "err_write"))]
runs = {(r["round"], r["meters"], r["endpoint"], r["mode"]): r for r in rows if r.get("ok") and r["round"] > 0}
rounds = sorted({k[0] for k in runs})
print(f"Meters {'off and off (control)' if sys.argv[4] == 'true' else 'on and off'}, memory store, both instances "
      f"loaded at once, {sys.argv[2]} connections each, {len(rounds)} rounds of {sys.argv[3]} s\n")
print("| visitors | on/off per round | median on/off | app CPU/req on (median) | off (median) |")
print("|---|---|---|---|---|")
plain = [runs[(n, "on", "plain-nb", "plain")]["rps"] / runs[(n, "off", "plain-nb", "plain")]["rps"] for n in rounds
         if (n, "on", "plain-nb", "plain") in runs and (n, "off", "plain-nb", "plain") in runs]
print(f"| plain-nb alone (no session) | {' '.join(f'{x:.3f}' for x in plain)} | {statistics.median(plain):.3f} | | |")
for mode in ("returning", "new"):
    ratios, cpu = [], {"on": [], "off": []}
    for n in rounds:
        rel = {}
        for label in ("on", "off"):
            base, run = runs.get((n, label, "plain-nb", "plain")), runs.get((n, label, "counter-nb", mode))
            if base and run:
                rel[label] = run["rps"] / base["rps"]
                answers = run["rps"] * run["duration_s"]
                cpu[label].append(1e6 * run["app_cpu_s"] / answers if answers else float("nan"))
        if len(rel) == 2:
            ratios.append(rel["on"] / rel["off"])
    print(f"| {mode} | {' '.join(f'{x:.3f}' for x in ratios)} | {statistics.median(ratios):.3f} | "
          f"{statistics.median(cpu['on']):.1f} µs | {statistics.median(cpu['off']):.1f} µs |")
base = {label: statistics.median(r["rps"] for k, r in runs.items() if k[1] == label and k[2] == "plain-nb")
        for label in ("on", "off")}
print(f"\nplain-nb medians: on {base['on']:,.0f} req/s, off {base['off']:,.0f} req/s")
print("failed runs: " + (", ".join(f"round {r['round']} {r['meters']} {r['endpoint']} {r['mode']}" for r in failures)
                         if failures else "none"))
sys.exit(4 if failures else 0)
PYEOF
