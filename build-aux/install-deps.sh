#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs, with apt-get, whatever Debian 12 packages Career Guide needs to
# build, run and test that are not installed yet. Safe to run again.
set -eu

packages=(
  build-essential meson ninja-build pkg-config gettext itstool
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libwebkitgtk-6.0-dev libcmark-dev libsqlite3-dev libyaml-dev
  libjson-glib-dev libxml2-dev libcsv-dev libsoup-3.0-dev glib-networking
  desktop-file-utils appstream yelp-tools
  librsvg2-common adwaita-icon-theme fonts-cantarell
  xvfb xauth dbus dbus-x11 at-spi2-core sqlite3 cmark imagemagick
  clang
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
