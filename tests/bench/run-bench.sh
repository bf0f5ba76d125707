#!/usr/bin/env bash
# Benchmark (not a test): tools/call through the gateway vs. the same request to the demo backend
# directly, in one run, at 1 and 32 connections, with wrk. Prints a Markdown table.
# With --peer (or PORTCULLIS_BENCH_PEER=1) it also measures a real peer in the same run: the MCP
# server openapi-mcp-generator generates from the demo document (tests/bench/peer/prepare.sh,
# prepared once into build/bench-peer), pointed at the same demo backend, called over its
# session-based Streamable HTTP with the same tools/call (tests/bench/peer-tools-call.lua).
# Usage: tests/bench/run-bench.sh [--peer] [path/to/portcullis] [seconds per run]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peer="${PORTCULLIS_BENCH_PEER:-0}"
args=()
for a in "$@"; do
  if [ "$a" = --peer ]; then peer=1; else args+=("$a"); fi
done
bin="${args[0]:-$here/../../build/ci/app/portcullis}"
secs="${args[1]:-10}"
log="$(mktemp)"
peer_log="$(mktemp)"
peer_pid=
"$bin" --headless --demo --listen 127.0.0.1:0 >"$log" 2>&1 &
pid=$!
cleanup() {
  if [ -n "$peer_pid" ]; then kill "$peer_pid" 2>/dev/null; wait "$peer_pid" 2>/dev/null; fi
  kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log" "$peer_log"
}
trap cleanup EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$log" && break; sleep 0.1; done
gateway="$(sed -n 's/^listening on //p' "$log")"
backend="$(sed -n 's/^demo backend: //p' "$log")"
[ -n "$gateway" ] && [ -n "$backend" ] || { cat "$log"; exit 1; }

if [ "$peer" = 1 ]; then
  peer_dir="$here/../../build/bench-peer"
  "$here/peer/prepare.sh" "$peer_dir" "$backend" >&2
  node_bin="$(command -v node || true)"
  if [ -z "$node_bin" ] || [ "$("$node_bin" -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    node_bin="$here/../e2e/node_modules/.bin/node"
  fi
  # Generated with port 0: the system picks a free loopback port, which the server logs.
  (cd "$peer_dir" && API_BASE_URL="$backend" exec "$node_bin" build/index.js) >"$peer_log" 2>&1 &
  peer_pid=$!
  for _ in $(seq 100); do grep -q 'Server running at ' "$peer_log" && break; sleep 0.1; done
  peer_port="$(sed -n 's|.*Server running at http://localhost:\([0-9]*\).*|\1|p' "$peer_log")"
  [ -n "$peer_port" ] || { cat "$peer_log"; exit 1; }
  peer_url="http://127.0.0.1:$peer_port/mcp"
  # Node compiles hot code while it runs: warm the peer up (not measured) so its rows measure the
  # server rather than V8's first seconds. Portcullis and the backend are native code.
  wrk -t 1 -c 4 -d 2s -s "$here/peer-tools-call.lua" "$peer_url" >/dev/null
fi

run() { # name url script connections
  local out
  out="$(wrk -t "$([ "$4" -gt 1 ] && echo 2 || echo 1)" -c "$4" -d "${secs}s" --latency -s "$here/$3" "$2" | grep '^BENCH')"
  echo "$1 $4 $out"
}
results=()
for conns in 1 32; do
  results+=("$(run direct "$backend/v1/forecast?city=Lisbon&days=3" direct.lua $conns)")
  results+=("$(run gateway "$gateway/mcp/demo" tools-call.lua $conns)")
  if [ "$peer" = 1 ]; then results+=("$(run peer "$peer_url" peer-tools-call.lua $conns)"); fi
done
group=$(( ${#results[@]} / 2 )) # rows per connection count; the first of each is direct

get() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
echo
echo "| target | connections | requests/s | p50 (µs) | p99 (µs) | errors | vs direct (req/s) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for i in "${!results[@]}"; do
  r="${results[$i]}"; name="${r%% *}"; conns="$(cut -d' ' -f2 <<<"$r")"
  base="${results[$(( i - i % group ))]}"
  echo "| $name | $conns | $(get rps "$r") | $(get p50us "$r") | $(get p99us "$r") | $(( $(get errors "$r") + $(get bad "$r") )) | $(ratio "$(get rps "$r")" "$(get rps "$base")") |"
done
added="$(( $(get p50us "${results[1]}") - $(get p50us "${results[0]}") ))"
echo
echo "p50 latency added by the gateway at 1 connection: ${added} µs"
if [ "$peer" = 1 ]; then
  echo "gateway/peer requests/s: $(ratio "$(get rps "${results[1]}")" "$(get rps "${results[2]}")") at 1 connection, $(ratio "$(get rps "${results[4]}")" "$(get rps "${results[5]}")") at 32 connections"
fi
