#!/usr/bin/env bash
# Builds the gateway and its tests with AddressSanitizer + UndefinedBehaviorSanitizer (g++, own
# tree, Q_ASSERT on via QT_FORCE_ASSERTS, every finding fatal) and runs the gateway-labelled tests.
# Usage: tests/sanitizers/run.sh [ctest args...]
#   PORTCULLIS_ASAN_BUILD_DIR  build tree (default build/asan)
# Tests needing the keychain run inside a private D-Bus session with an unlocked gnome-keyring
# (as .ci/run does). Leak reports from Qt/QtKeychain internals are filtered by lsan.supp (each
# entry explains why it is not ours).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${PORTCULLIS_ASAN_BUILD_DIR:-$here/build/asan}"

# -O1 -g1: what ASan recommends for readable reports at a fraction of the -O2 -g compile time.
bash "$here/.ci/build" "$build" -DPORTCULLIS_SANITIZE=address,undefined -DPORTCULLIS_BUILD_UI=OFF \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1"

export ASAN_OPTIONS="detect_leaks=1:strict_init_order=1:detect_stack_use_after_return=1:check_initialization_order=1"
export LSAN_OPTIONS="suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$here/tests/sanitizers/ubsan.supp"
export QT_QPA_PLATFORM=offscreen

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/data" "$dir/run" && chmod 700 "$dir/run"
XDG_DATA_HOME="$dir/data" XDG_RUNTIME_DIR="$dir/run" dbus-run-session -- bash -c '
  echo -n "portcullis-ci" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' keyring ctest --test-dir "$build" --output-on-failure -j2 --timeout 900 -L gateway "$@"
