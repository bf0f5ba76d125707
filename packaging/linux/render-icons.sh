#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the application icon (icons/io.github.portcullis.Portcullis.svg) to the PNG sizes of the
# hicolor theme. The PNGs are committed so that building the package needs no SVG renderer; run
# this after changing the SVG (needs rsvg-convert: apt-get install librsvg2-bin).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
id=io.github.portcullis.Portcullis
for size in 16 22 24 32 48 64 128 256 512; do
  mkdir -p "$here/icons/hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" "$here/icons/$id.svg" -o "$here/icons/hicolor/${size}x${size}/apps/$id.png"
done
