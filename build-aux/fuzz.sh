#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the libFuzzer targets, each for a given time, with AddressSanitizer
# and UndefinedBehaviorSanitizer, adding what they find to a work corpus
# (the seed corpus in tests/fuzz/corpus/ is read, not written).
#
# Usage: build-aux/fuzz.sh SECONDS [TARGET...]
# FUZZ_MAX_LEN sets libFuzzer's -max_len (default 65536; smaller inputs run
# many times faster: pay text needs no more than 256 bytes).
# Targets: front-matter markdown html-markdown pay jsonld csv-import csv-reader html-jsonld
# A crash leaves crash-* files in the fuzz build folder: fix the bug, then
# add the input to tests/fuzz/corpus/TARGET/ so that `meson test` replays it.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=${*:-front-matter markdown html-markdown pay jsonld csv-import csv-reader html-jsonld}
builddir=${FUZZ_BUILDDIR:-_build-fuzz}

bash build-aux/install-deps.sh
if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" -Dui=false -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dbuildtype=debugoptimized
fi
ninja -C "$builddir"

builddir=$(realpath "$builddir")
declare -A corpus=([csv-import]=csv)
for t in $targets; do
  seed=$PWD/tests/fuzz/corpus/${corpus[$t]:-$t}
  work=$builddir/corpus-$t
  mkdir -p "$work"
  echo "== $t: $seconds s"
  # executions add up across runs in fuzz-stats.log
  (cd "$builddir" && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 G_DEBUG=fatal-criticals \
     "./tests/fuzz/fuzz-$t" -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-65536}" -print_final_stats=1 \
     "$work" "$seed" 2>&1 | tee -a "$builddir/fuzz-$t.log" \
     | grep -E "stat::number_of_executed_units|ERROR|SUMMARY|^Done" || true)
  runs=$(grep -h "stat::number_of_executed_units" "$builddir/fuzz-$t.log" | awk '{ s += $2 } END { print s + 0 }')
  echo "$t: $runs executions in all runs so far"
done
