#!/usr/bin/env bash
# Benchmark (not a test): tools/call through the gateway vs. the same request to the demo backend
# directly, in one run, at 1 and 32 connections, with wrk. Prints a Markdown table.
# Usage: tests/bench/run-bench.sh [path/to/portcullis] [seconds per run]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="${1:-$here/../../build/ci/app/portcullis}"
secs="${2:-10}"
log="$(mktemp)"
"$bin" --headless --demo --listen 127.0.0.1:0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$log" && break; sleep 0.1; done
gateway="$(sed -n 's/^listening on //p' "$log")"
backend="$(sed -n 's/^demo backend: //p' "$log")"
[ -n "$gateway" ] && [ -n "$backend" ] || { cat "$log"; exit 1; }

run() { # name url script connections
  local out
  out="$(wrk -t "$([ "$4" -gt 1 ] && echo 2 || echo 1)" -c "$4" -d "${secs}s" --latency -s "$here/$3" "$2" | grep '^BENCH')"
  echo "$1 $4 $out"
}
results=()
results+=("$(run direct "$backend/v1/forecast?city=Lisbon&days=3" direct.lua 1)")
results+=("$(run gateway "$gateway/mcp/demo" tools-call.lua 1)")
results+=("$(run direct "$backend/v1/forecast?city=Lisbon&days=3" direct.lua 32)")
results+=("$(run gateway "$gateway/mcp/demo" tools-call.lua 32)")

get() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<<"$2"; }
echo
echo "| target | connections | requests/s | p50 (µs) | p99 (µs) | errors | vs direct (req/s) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for i in 0 1 2 3; do
  r="${results[$i]}"; name="${r%% *}"; conns="$(cut -d' ' -f2 <<<"$r")"
  base="${results[$(( i - i % 2 ))]}"
  ratio="$(awk -v a="$(get rps "$r")" -v b="$(get rps "$base")" 'BEGIN{printf "%.2f", a/b}')"
  echo "| $name | $conns | $(get rps "$r") | $(get p50us "$r") | $(get p99us "$r") | $(( $(get errors "$r") + $(get bad "$r") )) | $ratio |"
done
added="$(( $(get p50us "${results[1]}") - $(get p50us "${results[0]}") ))"
echo
echo "p50 latency added by the gateway at 1 connection: ${added} µs"
