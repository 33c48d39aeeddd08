#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that a translation is complete for the sources as they are now:
# extracts the strings of po/POTFILES.in as the build's pot target does
# (xgettext with GLib's keywords), merges them into po/LANG.po in a
# temporary file, and fails on any untranslated or fuzzy message.
# Usage: check-po-complete.sh TOP LANG
set -eu
top=$1
lang=$2
cd "$top"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

xgettext --package-name=career-guide --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --files-from=po/POTFILES.in --output="$work/strings.pot"
msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/strings.pot" -o "$work/merged.po"

status=0
for kind in untranslated only-fuzzy; do
  msgattrib --$kind --no-obsolete --no-wrap "$work/merged.po" > "$work/$kind.po"
  n=$(grep -c '^msgid ' "$work/$kind.po" || true)
  # the header is an untranslated-looking entry of its own
  if [ "$kind" = untranslated ] && [ "$n" -gt 0 ]; then
    n=$(grep '^msgid ' "$work/$kind.po" | grep -cv '^msgid ""$' || true)
  fi
  if [ "$n" -gt 0 ]; then
    echo "po/$lang.po: $n messages ${kind#only-} for the current sources:"
    grep -A1 '^msgid ' "$work/$kind.po" | grep '^msgid ' | grep -v '^msgid ""$' || true
    status=1
  fi
done
[ $status -eq 0 ] && echo "po/$lang.po translates every message of the sources"
exit $status
