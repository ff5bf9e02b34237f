#!/bin/sh
# Install (or --uninstall) the Termijn app folder for the current user, with its menu entry.
#
#   ./install-desktop.sh              check that the window can open here (check_system.sh: the
#                                     libraries Qt's X11/Wayland plugin needs, installed when run
#                                     as root, else the exact command), copy this folder to
#                                     ~/.local/opt/termijn, add the menu entry, icons and AppStream
#                                     data, link termijn + termijn-gui into ~/.local/bin
#   ./install-desktop.sh --uninstall  remove all of that again, and the folders it leaves empty;
#                                     your cases and backups (in ~/.local/share/Termijn) stay
#
# Run it from the unpacked app folder (the one holding the `termijn-gui` executable).
set -eu
APP_ID=io.github.termijn.Termijn
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
OPT=$HOME/.local/opt/termijn
BIN=$HOME/.local/bin

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$DATA/applications/$APP_ID.desktop" "$DATA/metainfo/$APP_ID.metainfo.xml"
  rm -f "$DATA"/icons/hicolor/*/apps/"$APP_ID".png "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
  for exe in termijn termijn-gui; do
    [ -L "$BIN/$exe" ] && [ "$(readlink "$BIN/$exe")" = "$OPT/$exe" ] && rm -f "$BIN/$exe"
  done
  rm -rf "$OPT"
  # Folders this script made and nothing else uses now (rmdir leaves any that hold other files);
  # an index with nothing left to index goes first.
  if [ -d "$DATA/icons/hicolor" ] && [ -z "$(find "$DATA/icons/hicolor" -type f ! -name icon-theme.cache | head -n 1)" ]; then
    rm -f "$DATA/icons/hicolor/icon-theme.cache"
  fi
  if [ -d "$DATA/applications" ] && [ -z "$(find "$DATA/applications" -type f ! -name mimeinfo.cache | head -n 1)" ]; then
    rm -f "$DATA/applications/mimeinfo.cache"
  fi
  for dir in "$DATA"/icons/hicolor/*/apps "$DATA"/icons/hicolor/* "$DATA/icons/hicolor" \
             "$DATA/icons" "$DATA/metainfo" "$DATA/applications" "$BIN" "$(dirname "$OPT")"; do
    [ -d "$dir" ] && rmdir "$dir" 2>/dev/null || true
  done
  refresh
  echo "Termijn removed. Your cases and backups are still in $DATA/Termijn (delete that folder to remove them)."
  exit 0
fi

[ -x "$HERE/termijn-gui" ] || { echo "run this from the Termijn app folder" >&2; exit 1; }
# The check `make run` does, on this folder's Qt plugin; libraries bundled here count as present.
if ! sh "$HERE/check_system.sh" --plugins "$HERE/_internal/PySide6/Qt/plugins" --lib-dir "$HERE/_internal"; then
  echo "Termijn was not installed: install what is named above, then run $0 again." >&2
  exit 1
fi
if [ "$HERE" != "$OPT" ]; then
  mkdir -p "$(dirname "$OPT")"
  rm -rf "$OPT.new"
  cp -a "$HERE" "$OPT.new"
  rm -rf "$OPT"
  mv "$OPT.new" "$OPT"
fi
mkdir -p "$BIN" "$DATA/applications" "$DATA/metainfo"
ln -sf "$OPT/termijn" "$BIN/termijn"
ln -sf "$OPT/termijn-gui" "$BIN/termijn-gui"
sed "s|^Exec=termijn-gui|Exec=$OPT/termijn-gui|" "$OPT/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
cp "$OPT/$APP_ID.metainfo.xml" "$DATA/metainfo/"
for png in "$OPT"/icons/termijn-*.png; do
  size=$(basename "$png" .png); size=${size#termijn-}
  mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
mkdir -p "$DATA/icons/hicolor/scalable/apps"
cp "$OPT/icons/termijn.svg" "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
refresh
echo "Termijn installed in $OPT; start it from the applications menu or with termijn-gui."
