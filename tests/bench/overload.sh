#!/usr/bin/env bash
# Overload check (not a test, not in CI): does the gateway stay responsive past saturation?
#  1. saturation: wrk, 32 connections, tools/call through the demo service (as run-bench.sh);
#  2. twice that rate for SECONDS (open loop, Node, latency from the scheduled start) with up to
#     512 connections: every request must get an answer (200, or 429/503 with Retry-After) fast;
#     RSS and file descriptors are sampled every second;
#  2b. closed loop with wrk at 400 connections (past the connection and in-flight caps): rate,
#     latency percentiles and how many answers were not a 200 CallToolResult (the shed ones);
#  3. recovery: time until a fresh client gets 5 fast 200s in a row;
#  4. starvation: 300 silent + 50 slowloris connections while a real client calls every 250 ms.
# Usage: tests/bench/overload.sh [path/to/portcullis] [SECONDS (default 60)]
# The numbers depend on the machine and on what else runs; say so when you quote them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-$root/build/dev/app/portcullis}"
secs="${2:-60}"
node="$root/tests/e2e/node_modules/.bin/node"
[ -x "$node" ] || node="$(command -v node)"
work="$(mktemp -d)"
log="$work/gateway.log"
QT_QPA_PLATFORM=offscreen "$bin" --headless --demo --listen 127.0.0.1:0 >"$log" 2>&1 &
pid=$!
sampler=""
trap 'set +e; kill $pid 2>/dev/null; [ -n "$sampler" ] && kill $sampler 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; true' EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$log" && break; sleep 0.1; done
gateway="$(sed -n 's/^listening on //p' "$log")"
[ -n "$gateway" ] || { cat "$log"; exit 1; }
url="${gateway%/}/mcp/demo"

rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; } # utime + stime, clock ticks
fds() { ls "/proc/$pid/fd" | wc -l; }
alive() { kill -0 "$pid" 2>/dev/null || { echo "FAIL: the gateway died"; tail -20 "$log"; exit 1; }; }

echo "== 1. saturation (wrk, 32 connections, 10 s)"
wrk -t2 -c32 -d10s -s "$here/tools-call.lua" "$url" | grep '^BENCH' | tee "$work/sat"
sat="$(sed -n 's/.*rps=\([0-9]*\).*/\1/p' "$work/sat")"
rate=$(( sat * 2 ))
rss0="$(rss)"; fds0="$(fds)"
echo "baseline after warm-up: RSS ${rss0} kB, ${fds0} fds"

echo "== 2. ${rate} req/s (2 x ${sat}) for ${secs} s"
( while kill -0 "$pid" 2>/dev/null; do echo "$(date +%s) $(rss) $(fds)"; sleep 1; done ) >"$work/samples" 2>/dev/null &
sampler=$!
cpu0="$(cpu)"; t0="$(date +%s.%N)"
"$node" "$here/overload-load.mjs" rate "$url" "$rate" "$secs" 512 | tee "$work/rate.json"
alive
cpuPct="$(awk -v c0="$cpu0" -v c1="$(cpu)" -v t0="$t0" -v t1="$(date +%s.%N)" -v hz="$(getconf CLK_TCK)" \
  'BEGIN { printf "%.0f", 100 * (c1 - c0) / hz / (t1 - t0) }')"
rssPeak="$(awk 'BEGIN{m=0} {if ($2>m) m=$2} END{print m}' "$work/samples")"
fdsPeak="$(awk 'BEGIN{m=0} {if ($3>m) m=$3} END{print m}' "$work/samples")"

echo "== 2b. closed loop past the caps (wrk, 400 connections, 15 s): 503s count as bad"
wrk -t2 -c400 -d15s --latency -s "$here/tools-call.lua" "$url" | grep -E '^BENCH|^ +(50|90|99)%' | tee "$work/closed"
alive

echo "== 3. recovery"
"$node" "$here/overload-load.mjs" recover "$url" 30 | tee "$work/recover.json"
sleep 2
rss1="$(rss)"; fds1="$(fds)"

echo "== 4. idle and slow connections vs. a real client (40 s)"
"$node" "$here/overload-load.mjs" starve "$url" 300 50 40 | tee "$work/starve.json"
alive
sleep 3
rss2="$(rss)"; fds2="$(fds)"
kill "$sampler" 2>/dev/null || true

echo
echo "== summary"
echo "saturation: ${sat} tools/call/s at 32 connections; overload target ${rate}/s for ${secs} s"
"$node" -e '
const r = require(process.argv[1]); const v = require(process.argv[2]); const s = require(process.argv[3]);
console.log(`offered ${r.offeredRate}/s (loader lag max ${r.loaderLagMaxS} s), ${r.requests} requests, ${r.skippedByLoader} starts skipped by the loader`);
console.log(`answers: ${JSON.stringify(r.statuses)}; client errors: ${JSON.stringify(r.errors)}; 429/503 without Retry-After: ${r.retryAfterMissing}`);
for (const [k, p] of Object.entries(r.latencyMsFromSchedule)) console.log(`  ${k}: p50 ${p.p50} ms, p90 ${p.p90} ms, p99 ${p.p99} ms, max ${p.max} ms`);
console.log(`recovered after ${v.recoveredAfterS} s (${JSON.stringify(v.seen)})`);
console.log(`starvation: real client ${JSON.stringify(s.realClient.statuses)}, first 200 at ${s.realClient.firstServedAtS} s, ok p50 ${s.realClient.okLatencyMs.p50} ms, max ${s.realClient.maxMs} ms; server closed ${s.attackerConnectionsClosedByServer} attacker connections, ${s.slowlorisAnswered408} slowloris got 408, ${s.slowlorisAnswered503} got 503 (evicted)`);
' "$work/rate.json" "$work/recover.json" "$work/starve.json"
echo "closed loop, 400 connections: $(tr '\n' ' ' <"$work/closed")"
echo "gateway CPU during the overload phase: ${cpuPct} % of one core (loader and other load share the machine)"
echo "RSS: baseline ${rss0} kB, peak ${rssPeak} kB during overload, ${rss1} kB after recovery, ${rss2} kB at the end"
echo "fds: baseline ${fds0}, peak ${fdsPeak}, ${fds1} after recovery, ${fds2} at the end"
alive
echo "gateway still running (pid $pid): no crash"
