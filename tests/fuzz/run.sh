#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, in their own tree) and runs each for SECONDS
# (default 60) over its committed seed corpus. Fails when any target finds a crash, a leak, a
# sanitizer report, a timeout or a broken property.
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
#   PORTCULLIS_FUZZ_BUILD_DIR  build tree (default build/fuzz)
#   PORTCULLIS_FUZZ_NICE       nice level for the fuzzers (default 0; 19 on a shared machine)
# New inputs found go to BUILD/corpus/<target>/ (not the repository); crashing inputs to
# BUILD/artifacts/<target>/, logs to BUILD/logs/<target>.log. Replay one input with
#   BUILD/tests/fuzz/<target> FILE
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-60}"
(($#)) && shift
build="${PORTCULLIS_FUZZ_BUILD_DIR:-$here/build/fuzz}"
all=(fuzz_httpframer fuzz_httpresponseparser fuzz_jwt fuzz_jsonrpc fuzz_yamltojson fuzz_openapi fuzz_workspaceloader)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")

clang="$(command -v clang++-14 || command -v clang++ || true)"
[ -n "$clang" ] || { echo "error: clang++ (Debian: clang-14) is needed for libFuzzer" >&2; exit 1; }
echo "== building ${targets[*]} in $build ($clang)"
bash "$here/.ci/build" "$build" -DCMAKE_CXX_COMPILER="$clang" -DPORTCULLIS_FUZZ=ON \
  -DPORTCULLIS_BUILD_UI=OFF -DPORTCULLIS_BUILD_TESTS=OFF -- "${targets[@]}"

symbolizer="$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:symbolize=1${symbolizer:+:external_symbolizer_path=$symbolizer}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0"
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="*=false"

failed=()
printf '%-26s %10s %8s %8s %7s  %s\n' target execs exec/s cov corpus result
for t in "${targets[@]}"; do
  seeds="$here/tests/fuzz/corpus/$t"
  work="$build/corpus/$t"
  mkdir -p "$work" "$build/artifacts/$t" "$build/logs"
  log="$build/logs/$t.log"
  rc=0
  nice -n "${PORTCULLIS_FUZZ_NICE:-0}" "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=25 \
    -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" \
    "$work" "$seeds" >"$log" 2>&1 || rc=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1 || true)"
  speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1 || true)"
  cov="$( (grep -o 'cov: [0-9]*' "$log" || true) | tail -1 | cut -d' ' -f2)"
  corp="$( (grep -o 'corp: [0-9]*' "$log" || true) | tail -1 | cut -d' ' -f2)"
  if [ "$rc" -eq 0 ]; then result=ok; else result="FAILED (rc=$rc, see $log)"; failed+=("$t"); fi
  printf '%-26s %10s %8s %8s %7s  %s\n' "$t" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${corp:-?}" "$result"
  if [ "$rc" -ne 0 ]; then
    grep -m1 -E 'ERROR: |runtime error|FUZZ_CHECK|qFatal|SUMMARY' "$log" || true
    ls -1 "$build/artifacts/$t/" 2>/dev/null | sed 's/^/  artifact: /' || true
  fi
done
if ((${#failed[@]})); then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
