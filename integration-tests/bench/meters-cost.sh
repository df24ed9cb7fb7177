#!/usr/bin/env bash
# What the session meters cost one request, measured in isolation (JMH), set against the CPU time of a whole request.
#
#   integration-tests/bench/meters-cost.sh [--request-cpu-us US] [--out DIR] [-- JMH OPTIONS]
#
# metrics-overhead.sh compares two instances of the demo app, meters on and off, by throughput: on a shared two-CPU
# machine its noise (the control run of two identical instances) is far larger than 3%. This script measures the
# meters' part of a request directly: MetersCostBenchmark runs the store work of a returning visitor of
# /bench/counter-nb on the memory store (the load of its session and the update of its counter, through the
# extension's StoreCalls) with the meters on (a Prometheus registry, as in the demo app) and off; the difference is
# what the meters add to a request. It is then divided by the CPU time one such request takes in the demo app
# (--request-cpu-us, default 24.6: the app's CPU time per counter-nb request with the meters off, measured by
# metrics-overhead.sh; see benchmark-history.adoc), which bounds the throughput cost of the meters on a busy server.
# Needs the reactor built (./mvnw install -DskipTests, or at least runtime).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
REQUEST_CPU_US=24.6
OUT=""
JMH_OPTIONS=()
while (( $# )); do
    case "$1" in
        --request-cpu-us) REQUEST_CPU_US="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --) shift; JMH_OPTIONS=("$@"); break ;;
        *) echo "meters-cost.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
OUT="${OUT:-$(mktemp -d /tmp/meters-cost.XXXXXX)}"
mkdir -p "$OUT"

cd "$ROOT"
./mvnw -q -B -o package dependency:build-classpath -pl integration-tests/bench/meters-cost -am -DskipTests \
    -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=runtime >&2
MODULE="$ROOT/integration-tests/bench/meters-cost"
java -cp "$MODULE/target/classes:$(cat "$OUT/classpath.txt")" org.openjdk.jmh.Main MetersCostBenchmark \
    -rf json -rff "$OUT/jmh.json" "${JMH_OPTIONS[@]}" >&2

python3 - "$OUT/jmh.json" "$REQUEST_CPU_US" <<'PY'
import json, sys
results = {r["params"]["meters"]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
request_ns = float(sys.argv[2]) * 1000
off, on = results["off"], results["on"]
delta = on["score"] - off["score"]
error = on["scoreError"] + off["scoreError"]
print(f"store work of a request, meters off: {off['score']:.1f} ns (+/- {off['scoreError']:.1f})")
print(f"store work of a request, meters on:  {on['score']:.1f} ns (+/- {on['scoreError']:.1f})")
print(f"the meters' part of a request: {delta:.1f} ns (+/- {error:.1f})")
print(f"against the CPU time of a whole request ({request_ns / 1000:.1f} us): {100 * delta / request_ns:.2f}%"
      f" (at most {100 * (delta + error) / request_ns:.2f}%)")
PY
