#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds Career Guide and runs every test:
#  1. the whole suite (core unit tests, fuzz corpus replays, window tests
#     under Xvfb with a D-Bus session, data validation);
#  2. the core library, its tests and the fuzz replays again, built with
#     AddressSanitizer and UndefinedBehaviorSanitizer
#     (skip with CG_SKIP_SANITIZERS=1).
# Ends with the line "N passed, N failed". Safe to run again.
set -u
cd "$(dirname "$0")/.."
builddir=${BUILDDIR:-_build}
asandir=${ASAN_BUILDDIR:-_build-asan}

bash build-aux/install-deps.sh || exit 1

count () { # LOG RESULT-REGEX
  if [ -f "$1" ]; then
    grep -c -E "\"result\": \"($2)\"" "$1" || true
  else
    echo 0
  fi
}

status=0
passed=0; failed=0; skipped=0

run_suite () { # BUILDDIR SETUP-ARGS... -- TEST-ARGS...
  local dir=$1; shift
  local setup=() ok=0
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do setup+=("$1"); shift; done
  shift || true
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "${setup[@]}" || { failed=$((failed + 1)); status=1; return; }
  fi
  if ! meson compile -C "$dir"; then
    failed=$((failed + 1)); status=1; return
  fi
  rm -f "$dir/meson-logs/testlog.json"
  xvfb-run -a -s "-screen 0 1280x1024x24" \
    dbus-run-session -- \
    meson test -C "$dir" --print-errorlogs --num-processes 2 "$@" || ok=1
  local log="$dir/meson-logs/testlog.json"
  local p f s
  p=$(count "$log" "OK"); f=$(count "$log" "FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS"); s=$(count "$log" "SKIP")
  # a suite that failed without a failed test (a crash of meson itself)
  if [ "$ok" -ne 0 ]; then status=1; [ "$f" -eq 0 ] && f=1; fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

run_suite "$builddir" -- "$@"

if [ -z "${CG_SKIP_SANITIZERS:-}" ] && [ $# -eq 0 ]; then
  echo "== The core again, with AddressSanitizer and UndefinedBehaviorSanitizer"
  # full stacks, so that the suppressions (GLib internals) match
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0}
  run_suite "$asandir" -Dui=false -Db_sanitize=address,undefined -Db_lundef=false -- \
    --suite core --suite fuzz --timeout-multiplier 6
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
