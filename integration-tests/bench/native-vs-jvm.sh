#!/usr/bin/env bash
# Startup time to the first served request, and resident memory after a scripted load, for the demo app as a native
# executable and on the JVM. Usage: native-vs-jvm.sh RUNNER QUARKUS_RUN_JAR [LOAD_SECONDS]
# Needs wrk (apt-get install wrk). Traffic goes to 127.0.0.1 only. req/s count successful answers only; a failed answer
# (counter error, non-2xx, socket error, ...) fails the script.
set -euo pipefail
runner=$1
jar=$2
load_seconds=${3:-20}
script_dir=$(cd "$(dirname "$0")" && pwd)

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

measure() {
    local mode=$1
    shift
    local port
    port=$(free_port)
    local start_ns
    start_ns=$(date +%s%N)
    local props=(-Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port")
    local command=("$@" "${props[@]}")
    if [[ "$1" == java ]]; then
        # JVM options go before -jar; after it they would be the application's arguments.
        command=(java "${props[@]}" "${@:2}")
    fi
    "${command[@]}" >"/tmp/native-vs-jvm-$mode.log" 2>&1 &
    local pid=$!
    local first_ns=""
    for _ in $(seq 1 2000); do
        if curl -s -o /dev/null "http://127.0.0.1:$port/visits" 2>/dev/null; then
            first_ns=$(date +%s%N)
            break
        fi
        sleep 0.005
    done
    if [[ -z "$first_ns" ]]; then
        echo "$mode: no answer" >&2
        kill -9 "$pid"
        return 1
    fi
    local startup_ms=$(((first_ns - start_ns) / 1000000))
    local rss_idle
    rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    # Returning visitors on the counter (a session each), then new visitors: both stores paths and the eviction-free
    # steady state of the memory store.
    wrk -t4 -c4 -d"${load_seconds}s" -s "$script_dir/bench.lua" "http://127.0.0.1:$port/bench/counter" -- returning \
        >"/tmp/native-vs-jvm-$mode-returning.txt" 2>&1 || true
    wrk -t4 -c4 -d"${load_seconds}s" -s "$script_dir/bench.lua" "http://127.0.0.1:$port/bench/counter" -- new \
        >"/tmp/native-vs-jvm-$mode-new.txt" 2>&1 || true
    local rss_loaded
    rss_loaded=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    local returning_rps new_rps
    returning_rps=$(python3 "$script_dir/bench.py" summary "/tmp/native-vs-jvm-$mode-returning.txt") || failed=1
    new_rps=$(python3 "$script_dir/bench.py" summary "/tmp/native-vs-jvm-$mode-new.txt") || failed=1
    printf '| %s | %d ms | %d MiB | %d MiB | %s | %s |\n' "$mode" "$startup_ms" $((rss_idle / 1024)) \
        $((rss_loaded / 1024)) "${returning_rps:-?}" "${new_rps:-?}"
}

echo "| mode | startup to first served request | RSS after startup | RSS after load | returning req/s | new req/s |"
echo "|---|---:|---:|---:|---:|---:|"
failed=0
measure native "$runner"
measure jvm java -jar "$jar"
if ((failed)); then
    echo "failed answers (see above): the measurement does not count" >&2
    exit 1
fi
