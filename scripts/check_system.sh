#!/bin/sh
# Can Qt's platform plugin load here? `ldd` on the plugin itself names every missing library;
# the packages that provide them are installed (as root) or named with the exact command.
#
#   sh scripts/check_system.sh [--platform NAME]... [--python PY | --plugins DIR] [--lib-dir DIR]
#                              [--xvfb] [--no-install]
#
#   --platform NAME  xcb (X11), wayland, offscreen (the tests), ...; repeatable. Default: the one
#                    Qt will use: QT_QPA_PLATFORM, else wayland in a Wayland session, else xcb.
#   --python PY      the Python whose PySide6 to check (default: python3)
#   --plugins DIR    Qt's plugin folder instead (the packaged app's _internal/PySide6/Qt/plugins)
#   --lib-dir DIR    libraries bundled with the app: what is there counts as present
#   --xvfb           the virtual X server (Xvfb) too, for the window test of .ci/run
#   --no-install     only report, even as root
#
# Exit 0: everything is there (now). Exit 1: something is missing; the message says what to run.
# Package managers: apt-get (Debian, Ubuntu), dnf (Fedora, RHEL), zypper (openSUSE), pacman (Arch).
set -u

platforms=""
python=python3
plugins=""
libdir=""
want_xvfb=0
may_install=1
while [ $# -gt 0 ]; do
  case $1 in
    --platform) platforms="$platforms $2"; shift 2 ;;
    --python) python=$2; shift 2 ;;
    --plugins) plugins=$2; shift 2 ;;
    --lib-dir) libdir=$2; shift 2 ;;
    --xvfb) want_xvfb=1; shift ;;
    --no-install) may_install=0; shift ;;
    *) echo "check_system.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -z "$platforms" ]; then
  if [ -n "${QT_QPA_PLATFORM:-}" ]; then
    # "wayland;xcb" is a list Qt tries in turn; "xcb:option=value" carries options.
    platforms=$(printf '%s\n' "$QT_QPA_PLATFORM" | tr ';' ' ' | sed 's/:[^ ]*//g')
  elif [ -n "${WAYLAND_DISPLAY:-}" ] || [ "${XDG_SESSION_TYPE:-}" = wayland ]; then
    platforms=wayland
  else
    platforms=xcb
  fi
fi

if [ -z "$plugins" ]; then
  plugins=$("$python" -c 'import importlib.util as u, os; s = u.find_spec("PySide6"); print(os.path.join(os.path.dirname(s.origin), "Qt", "plugins") if s else "")' 2>/dev/null)
  if [ -z "$plugins" ]; then
    echo "Qt (PySide6) is not installed for $python: install Termijn first (make venv)." >&2
    exit 1
  fi
fi

# soname | Debian/Ubuntu package | Arch package. dnf and zypper install by soname themselves.
PACKAGES='
libxcb-cursor.so.0 libxcb-cursor0 xcb-util-cursor
libxcb-icccm.so.4 libxcb-icccm4 xcb-util-wm
libxcb-image.so.0 libxcb-image0 xcb-util-image
libxcb-keysyms.so.1 libxcb-keysyms1 xcb-util-keysyms
libxcb-render-util.so.0 libxcb-render-util0 xcb-util-renderutil
libxcb-util.so.1 libxcb-util1 xcb-util
libxcb-randr.so.0 libxcb-randr0 libxcb
libxcb-render.so.0 libxcb-render0 libxcb
libxcb-shape.so.0 libxcb-shape0 libxcb
libxcb-shm.so.0 libxcb-shm0 libxcb
libxcb-sync.so.1 libxcb-sync1 libxcb
libxcb-xfixes.so.0 libxcb-xfixes0 libxcb
libxcb-xinerama.so.0 libxcb-xinerama0 libxcb
libxcb-xinput.so.0 libxcb-xinput0 libxcb
libxcb-xkb.so.1 libxcb-xkb1 libxcb
libxcb-glx.so.0 libxcb-glx0 libxcb
libxcb.so.1 libxcb1 libxcb
libX11-xcb.so.1 libx11-xcb1 libx11
libX11.so.6 libx11-6 libx11
libXau.so.6 libxau6 libxau
libXdmcp.so.6 libxdmcp6 libxdmcp
libxkbcommon-x11.so.0 libxkbcommon-x11-0 libxkbcommon-x11
libxkbcommon.so.0 libxkbcommon0 libxkbcommon
libwayland-client.so.0 libwayland-client0 wayland
libwayland-cursor.so.0 libwayland-cursor0 wayland
libwayland-egl.so.1 libwayland-egl1 wayland
libGL.so.1 libgl1 libglvnd
libEGL.so.1 libegl1 libglvnd
libGLX.so.0 libglx0 libglvnd
libOpenGL.so.0 libopengl0 libglvnd
libGLdispatch.so.0 libglvnd0 libglvnd
libfontconfig.so.1 libfontconfig1 fontconfig
libfreetype.so.6 libfreetype6 freetype2
libglib-2.0.so.0 libglib2.0-0 glib2
libgthread-2.0.so.0 libglib2.0-0 glib2
libdbus-1.so.3 libdbus-1-3 dbus
libpng16.so.16 libpng16-16 libpng
libexpat.so.1 libexpat1 expat
libz.so.1 zlib1g zlib
libzstd.so.1 libzstd1 zstd
libffi.so.8 libffi8 libffi
libpcre2-8.so.0 libpcre2-8-0 pcre2
libbrotlidec.so.1 libbrotli1 brotli
libbrotlicommon.so.1 libbrotli1 brotli
libsystemd.so.0 libsystemd0 systemd-libs
libgcrypt.so.20 libgcrypt20 libgcrypt
libgpg-error.so.0 libgpg-error0 libgpg-error
liblzma.so.5 liblzma5 xz
liblz4.so.1 liblz4-1 lz4
libbsd.so.0 libbsd0 libbsd
libmd.so.0 libmd0 libmd
libcap.so.2 libcap2 libcap
libstdc++.so.6 libstdc++6 gcc-libs
libgcc_s.so.1 libgcc-s1 gcc-libs
fc-list fontconfig fontconfig
font fonts-dejavu-core ttf-dejavu
Xvfb xvfb xorg-server-xvfb
'

if command -v apt-get >/dev/null 2>&1; then manager=apt-get
elif command -v dnf >/dev/null 2>&1; then manager=dnf
elif command -v zypper >/dev/null 2>&1; then manager=zypper
elif command -v pacman >/dev/null 2>&1; then manager=pacman
else manager=""
fi

# The package that provides $1 (a soname, or fc-list, font, Xvfb) for $manager; empty if unknown.
package_for() {
  case $manager in
    dnf|zypper)
      case $1 in
        fc-list) echo fontconfig ;;
        font) [ "$manager" = dnf ] && echo dejavu-sans-fonts || echo dejavu-fonts ;;
        Xvfb) echo xorg-x11-server-Xvfb ;;
        *.so.*)  # RPM knows which package provides a library: ask for the library itself
          case $(uname -m) in
            x86_64|aarch64|ppc64le|s390x|riscv64) echo "$1()(64bit)" ;;
            *) echo "$1" ;;
          esac ;;
      esac ;;
    apt-get) printf '%s\n' "$PACKAGES" | awk -v n="$1" '$1 == n { print $2; exit }' ;;
    pacman) printf '%s\n' "$PACKAGES" | awk -v n="$1" '$1 == n { print $3; exit }' ;;
  esac
}

# Print what is missing, one name per line: sonames, fc-list, font, Xvfb, or "!" lines for
# problems no package fixes (a missing plugin, a C library that is too old).
find_missing() {
  for platform in $platforms; do
    plugin=""
    for name in "libq$platform.so" "libq$platform-generic.so"; do
      [ -e "$plugins/platforms/$name" ] && { plugin="$plugins/platforms/$name"; break; }
    done
    if [ -z "$plugin" ]; then
      echo "!Qt has no '$platform' platform plugin in $plugins/platforms"
      continue
    fi
    out=$(LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" ldd "$plugin" 2>&1)
    printf '%s\n' "$out" | awk '$2 == "=>" && $3 == "not" && $4 == "found" { print $1 }'
    printf '%s\n' "$out" | grep "version .* not found" | sed 's/^/!/'
  done
  if ! command -v fc-list >/dev/null 2>&1; then
    echo fc-list; echo font
  elif [ -z "$(fc-list 2>/dev/null | head -n 1)" ]; then
    echo font
  fi
  if [ "$want_xvfb" = 1 ] && ! command -v Xvfb >/dev/null 2>&1; then
    echo Xvfb
  fi
}

missing=$(find_missing | sort -u)
[ -z "$missing" ] && exit 0

problems=$(printf '%s\n' "$missing" | grep '^!' | sed 's/^!//')
needs=$(printf '%s\n' "$missing" | grep -v '^!' | tr '\n' ' ' | sed 's/ *$//')
if [ -n "$problems" ]; then
  printf '%s\n' "$problems" >&2
  echo "Termijn cannot run its window here; no package fixes that (a newer system or another build does)." >&2
  exit 1
fi

packages=""
unknown=""
for need in $needs; do
  package=$(package_for "$need")
  if [ -n "$package" ]; then
    case " $packages " in *" $package "*) ;; *) packages="$packages $package" ;; esac
  else
    unknown="$unknown $need"
  fi
done
packages=${packages# }

quoted=$(for p in $packages; do case $p in *"("*) printf "'%s' " "$p" ;; *) printf '%s ' "$p" ;; esac; done)
quoted=${quoted% }
case $manager in  # what a person types, and what this script runs as root (no questions)
  apt-get) human="apt-get install $quoted"; auto="apt-get install -y -q $quoted" ;;
  dnf) human="dnf install $quoted"; auto="dnf install -y $quoted" ;;
  zypper) human="zypper install $quoted"; auto="zypper --non-interactive install $quoted" ;;
  pacman) human="pacman -S --needed $quoted"; auto="pacman -S --needed --noconfirm $quoted" ;;
  *) human="" ;;
esac

shown=$(for need in $needs; do
  case $need in
    Xvfb) printf 'Xvfb (a virtual screen), ' ;;
    fc-list) printf 'fc-list (fontconfig), ' ;;
    font) printf 'a font, ' ;;
    *) printf '%s, ' "$need" ;;
  esac
done)
echo "Termijn's window (Qt platform $(echo $platforms | tr ' ' '/')) needs what is missing here: ${shown%, }" >&2
if [ -z "$human" ] || [ -n "$unknown" ]; then
  echo "Install the packages of your system that provide:${unknown:- $needs}" >&2
  [ -n "$human" ] && [ -n "$packages" ] && echo "(and with $manager: $human)" >&2
  exit 1
fi

if [ "$may_install" = 1 ] && [ "$(id -u)" = 0 ]; then
  echo "Installing them: $auto" >&2
  if [ "$manager" = apt-get ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || true  # a fresh machine may have no package lists yet
  fi
  log=$(mktemp)
  if ! eval "$auto" >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"
    echo "Installing failed; the command was: $auto" >&2
    exit 1
  fi
  rm -f "$log"
  still=$(find_missing | sort -u)
  [ -z "$still" ] && exit 0
  echo "Still missing after installing $packages: $(echo $still)" >&2
  exit 1
fi

if [ "$(id -u)" = 0 ]; then
  echo "Install them with: $human" >&2
elif command -v sudo >/dev/null 2>&1; then
  echo "Install them with: sudo $human" >&2
else
  echo "Install them as root with: su -c \"$human\"" >&2
fi
echo "then run the command again." >&2
exit 1
