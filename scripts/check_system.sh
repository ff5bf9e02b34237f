#!/bin/sh
# Qt (even offscreen) needs a few system libraries and at least one font; install them or say which.
missing=""
for lib in libEGL.so.1 libGL.so.1 libfontconfig.so.1 libxkbcommon.so.0 libdbus-1.so.3 libglib-2.0.so.0; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing="$missing $lib"
done
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list 2>/dev/null | head -n 1)" ]; then
  missing="$missing fonts"
fi
[ -z "$missing" ] && exit 0
pkgs="libegl1 libgl1 libfontconfig1 fontconfig fonts-dejavu-core libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libglib2.0-0"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system libraries Qt needs:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null
  exit $?
fi
echo "Termijn needs these system libraries for Qt:$missing" >&2
echo "On Debian/Ubuntu install them with: sudo apt-get install $pkgs" >&2
exit 1
