#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Saves one PNG per main page and dialog of the window, driven by the UI test on the built-in demo.
# Usage: packaging/screenshots.sh OUTDIR [BUILD_DIR]   (BUILD_DIR built with -DPORTCULLIS_BUILD_UI=ON,
# default build/ui). Uses Xvfb when it is installed, the offscreen platform otherwise.
set -euo pipefail
out="$(mkdir -p "$1" && cd "$1" && pwd)"
build="${2:-build/ui}"
# tst_mainwindow: configuration pages and dialogs; tst_mainwindowdiagnostics: diagnostics, stored
# credentials and the secure demo; tst_overviewpage: the Overview page with ten minutes of demo traffic.
for entry in tst_mainwindow:screenshots tst_mainwindowdiagnostics:screenshots tst_overviewpage:screenshot; do
  name="${entry%%:*}" function="${entry#*:}"
  test_bin="$build/tests/$name"
  [ -x "$test_bin" ] || { echo "build $test_bin first (.ci/build $build -DPORTCULLIS_BUILD_UI=ON -- $name)" >&2; exit 2; }
  if command -v xvfb-run >/dev/null; then
    PORTCULLIS_SCREENSHOT_DIR="$out" xvfb-run -a -s "-screen 0 1366x768x24" "$test_bin" "$function"
  else
    PORTCULLIS_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=offscreen "$test_bin" "$function"
  fi
done
ls "$out"/*.png
