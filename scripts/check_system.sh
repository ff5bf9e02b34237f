#!/bin/sh
# Qt (even offscreen) and the PDF checks need a few system libraries; install them or say which.
missing=""
for lib in libEGL.so.1 libGL.so.1 libfontconfig.so.1 libxkbcommon.so.0 libdbus-1.so.3 libglib-2.0.so.0; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing="$missing $lib"
done
[ -z "$missing" ] && exit 0
pkgs="libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libglib2.0-0"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system libraries Qt needs:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null
  exit $?
fi
echo "Termijn needs these system libraries for Qt:$missing" >&2
echo "On Debian/Ubuntu install them with: sudo apt-get install $pkgs" >&2
exit 1
