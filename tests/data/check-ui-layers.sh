#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The pages only ask the core: nothing in src/ui/ includes sqlite3.h or
# cg-db.h, and nothing there runs threads of its own (the core's async
# functions do, through cg_library_run_in_worker()).
set -eu
top=$1
cd "$top"
status=0
found=$(grep -n -E '#[[:space:]]*include[[:space:]]*[<"](sqlite3|cg-db)\.h[>"]' src/ui/*.c src/ui/*.h || true)
if [ -n "$found" ]; then
  echo "src/ui/ must not include sqlite3.h or cg-db.h: ask a core function instead"
  echo "$found"
  status=1
fi
found=$(grep -n -E '\b(g_task_run_in_thread(_sync)?|g_thread_(try_)?new)[[:space:]]*\(' src/ui/*.c src/ui/*.h || true)
if [ -n "$found" ]; then
  echo "src/ui/ must not run threads: give the core an _async function"
  echo "$found"
  status=1
fi
[ $status -eq 0 ] && echo "src/ui/ talks to the data only through src/core/"
exit $status
