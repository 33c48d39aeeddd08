#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds Career Guide and runs every test: core
# unit tests, window tests under Xvfb with a D-Bus session, data validation.
# Ends with the line "N passed, N failed". Safe to run again.
set -u
cd "$(dirname "$0")/.."
builddir=${BUILDDIR:-_build}

bash build-aux/install-deps.sh || exit 1

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" || exit 1
fi
meson compile -C "$builddir" || exit 1

log="$builddir/meson-logs/testlog.json"
rm -f "$log"
xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@"
status=$?

if [ -f "$log" ]; then
  passed=$(grep -c '"result": "OK"' "$log" || true)
  skipped=$(grep -c '"result": "SKIP"' "$log" || true)
  failed=$(grep -c -E '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$log" || true)
else
  passed=0; skipped=0; failed=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
