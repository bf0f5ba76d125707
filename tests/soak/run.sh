#!/usr/bin/env bash
# Soak test (not in CI): one gateway under steady load for DURATION (default 1h) while the API key
# is renewed, the authorization server rotates its signing key, the backend flaps and the
# workspace is rewritten. Fails on a crash, a lost or duplicated answer, RSS drifting more than
# 10 % after warm-up, leaking file descriptors, or a secret showing up in logs, events or answers.
# Usage: tests/soak/run.sh [DURATION] [path/to/portcullis]
#   DURATION: seconds, or with a unit: 300, 5m, 1h (default 1h)
# Logs, traffic log and RSS/fd samples stay in the printed work directory.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-1h}"
bin="${2:-$root/build/dev/app/portcullis}"
case "$duration" in
  *h) seconds=$(( ${duration%h} * 3600 )) ;;
  *m) seconds=$(( ${duration%m} * 60 )) ;;
  *s) seconds="${duration%s}" ;;
  *) seconds="$duration" ;;
esac
[ -x "$bin" ] || { echo "error: no portcullis binary at $bin" >&2; exit 2; }
node="$root/tests/e2e/node_modules/.bin/node"
[ -x "$node" ] || node="$(command -v node)"
work="$(mktemp -d -t portcullis-soak-XXXXXX)"
echo "soak: ${seconds} s with $bin; work directory $work"
exec "$node" "$here/soak.mjs" "$bin" "$seconds" "$work"
