#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks po/POTFILES.in against the sources: every listed file exists, and
# every file with translatable strings is listed.
set -eu
top=$1
cd "$top"
status=0
listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | sort)
for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done
marked=$( (grep -rl --include='*.c' -E '\b(_|N_|C_|NC_)\(' src/core src/ui 2>/dev/null; \
           grep -l 'translatable="yes"' src/ui/*.ui 2>/dev/null) | sort -u)
for f in $marked; do
  if ! echo "$listed" | grep -qx "$f"; then
    echo "$f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done
[ $status -eq 0 ] && echo "po/POTFILES.in is complete"
exit $status
