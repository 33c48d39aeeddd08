#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds Career Guide and starts it from the build
# tree with the bundled content (no install needed). Safe to run again.
set -eu
cd "$(dirname "$0")/.."
builddir=${BUILDDIR:-_build}

bash build-aux/install-deps.sh
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir"
fi
meson compile -C "$builddir"
exec meson devenv -C "$builddir" ./src/ui/career-guide "$@"
