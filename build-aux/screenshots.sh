#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes a screenshot of every page of the built application under Xvfb, for
# data/screenshots/ (README, AppStream metainfo) and for looking at changes.
#
# Usage: build-aux/screenshots.sh [BUILDDIR] [OUTDIR] [WIDTHxHEIGHT] [dark]
# Needs xvfb, dbus and imagemagick (build-aux/install-deps.sh installs them).
set -eu
builddir=$(realpath "${1:-_build}")
outdir=$(realpath -m "${2:-data/screenshots}")
size=${3:-1100x720}
style=${4:-light}
width=${size%x*}
height=${size#*x}

if [ -z "${CG_SCREENSHOTS_WORK:-}" ]; then
  CG_SCREENSHOTS_WORK=$(mktemp -d)
  export CG_SCREENSHOTS_WORK
  trap 'rm -rf "$CG_SCREENSHOTS_WORK"' EXIT
fi
work=$CG_SCREENSHOTS_WORK
mkdir -p "$outdir"

export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$builddir/data"
export CG_CONTENT_DB="$builddir/data/content.db"
export NO_AT_BRIDGE=1
if [ "$style" = dark ]; then
  export ADW_DEBUG_COLOR_SCHEME=prefer-dark
fi

if [ "${CG_SCREENSHOTS_INNER:-}" = 1 ]; then
  # inside Xvfb and the D-Bus session: one start of the app per page
  for page in ${PAGES:-jobs guides faq compare market applications}; do
    gsettings set io.github.careerguide.CareerGuide last-page "$page"
    gsettings set io.github.careerguide.CareerGuide window-width "$width"
    gsettings set io.github.careerguide.CareerGuide window-height "$height"
    "$builddir/src/ui/career-guide" >/dev/null 2>&1 &
    pid=$!
    sleep "${SCREENSHOT_DELAY:-2}"
    import -window root "$outdir/$page.png"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    echo "$outdir/$page.png"
  done
  exit 0
fi

CG_SCREENSHOTS_INNER=1 xvfb-run -a -s "-screen 0 ${width}x${height}x24" \
  dbus-run-session -- bash "$0" "$builddir" "$outdir" "$size" "$style"
