#!/usr/bin/env bash
# Proves the Linux package works on a clean system: builds the .deb, installs it with apt-get into a minimal
# Debian (debootstrap --variant=minbase, nothing but apt and a shell), starts the installed studio under
# Xvfb, generates a picture with the bundled demo model by typing a prompt and pressing Ctrl+Enter, checks
# the picture file, runs the installed command line too, then uninstalls and checks the pictures are kept.
#
#   sudo packaging/smoke-test.sh [--deb FILE] [--keep]
#
# Needs root (chroot, mounts), network access to a Debian mirror, and on the host: debootstrap, xvfb,
# xdotool, imagemagick (installed with apt-get when missing). The minimal Debian is downloaded once into
# target/smoke/base and copied for each run. Screenshot and logs: target/smoke/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
smoke="$root/target/smoke"
deb=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) deb="$(realpath "$2")"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "smoke-test: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "smoke-test: run as root (it uses chroot and mounts)" >&2; exit 2; }
source "$here/studio-driver.sh"
step() { echo "== $*"; }
fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }

missing=()
for tool in debootstrap:debootstrap Xvfb:xvfb xdotool:xdotool import:imagemagick; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]} on the host"
  apt-get install -y -q "${missing[@]}" >/dev/null
fi

if [ -z "$deb" ]; then
  step "building the .deb (CPU variant)"
  "$here/build-installer.sh" --variant cpu --type deb --dest "$root/dist"
  deb="$(ls -t "$root"/dist/sandpaint-studio_*_amd64.deb | head -1)"
fi
[ -f "$deb" ] || fail "no package at $deb"
mkdir -p "$smoke"
base="$smoke/base"
if [ ! -x "$base/usr/bin/apt-get" ]; then
  step "downloading a minimal Debian 12 into $base (once)"
  rm -rf "$base"
  debootstrap --variant=minbase bookworm "$base" http://deb.debian.org/debian > "$smoke/debootstrap.log" 2>&1 \
    || fail "debootstrap failed, see $smoke/debootstrap.log"
fi

sys="$smoke/system"
step "fresh copy of the minimal Debian in $sys"
rm -rf "$sys"
cp -a "$base" "$sys"
cp /etc/resolv.conf "$sys/etc/resolv.conf"
mkdir -p "$sys/tmp/.X11-unix"
display_number=$((80 + RANDOM % 9))
Xvfb ":$display_number" -screen 0 1280x800x24 -nolisten tcp > "$smoke/xvfb.log" 2>&1 &
xvfb=$!
cleanup() {
  set +e
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null
  kill "$xvfb" 2>/dev/null
  sleep 1
  for m in tmp/.X11-unix dev/pts dev proc; do
    mountpoint -q "$sys/$m" && umount -l "$sys/$m"
  done
  [ "$keep" = 1 ] || rm -rf "$sys"
}
trap cleanup EXIT
mount -t proc proc "$sys/proc"
mount --bind /dev "$sys/dev"
mount --bind /dev/pts "$sys/dev/pts"
mount --bind /tmp/.X11-unix "$sys/tmp/.X11-unix"
in_system() { chroot "$sys" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

step "apt-get install ./$(basename "$deb") in the minimal Debian"
cp "$deb" "$sys/tmp/"
in_system apt-get update -q > "$smoke/apt.log" 2>&1 || fail "apt-get update failed, see $smoke/apt.log"
in_system sh -c "cd /tmp && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ./$(basename "$deb")" >> "$smoke/apt.log" 2>&1 \
  || fail "apt-get install failed, see $smoke/apt.log"
grep -E "^(Need to get|After this operation)" "$smoke/apt.log" | sed 's/^/   /' || true
[ -L "$sys/usr/bin/sandpaint-studio" ] && [ -x "$sys/opt/sandpaint-studio/bin/sandpaint-studio" ] || fail "/usr/bin/sandpaint-studio was not installed"
[ -f "$sys/opt/sandpaint-studio/lib/app/sandpaint.jsa" ] || fail "postinst wrote no start-up archive (AppCDS), see $smoke/apt.log"
[ -L "$sys/usr/share/applications/sandpaint-studio.desktop" ] && [ -f "$sys/opt/sandpaint-studio/lib/app/sandpaint-studio.desktop" ] || fail "no desktop entry"
in_system useradd --create-home artist

step "studio under Xvfb: type a prompt, Ctrl+Enter"
as_artist() { chroot "$sys" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/artist USER=artist \
  DISPLAY=":$display_number" setpriv --reuid=artist --regid=artist --init-groups "$@"; }
export DISPLAY=":$display_number"
started=$(date +%s.%N)
as_artist /usr/bin/sandpaint-studio > "$smoke/studio.log" 2>&1 &
app=$!
win="$(studio_window "$app")" || {
  kill -0 "$app" 2>/dev/null || fail "the studio exited at start, see $smoke/studio.log"
  fail "no studio window after 30 s, see $smoke/studio.log"
}
printf '   window after %.1f s\n' "$(echo "$(date +%s.%N) - $started" | bc)"
xdotool windowmove "$win" 0 0 windowsize "$win" 1280 800
studio_wait_for_title "$win" demo || true   # loads in the background; the picture check below fails if it never does
xdotool windowactivate --sync "$win" 2>/dev/null || true
xdotool mousemove 400 70 click 1
xdotool type --delay 15 "a blue square at the top left"
xdotool key ctrl+Return
pictures="$sys/home/artist/Pictures/Sandpaint"
for _ in $(seq 120); do
  ls "$pictures"/*.png >/dev/null 2>&1 && break
  sleep 0.25
done
sleep 1
import -window root "$smoke/studio.png"
picture="$(ls "$pictures"/*.png 2>/dev/null | head -1 || true)"
[ -n "$picture" ] || fail "the studio saved no picture in ~/Pictures/Sandpaint (screenshot: $smoke/studio.png, log: $smoke/studio.log)"
echo "   saved ${picture#$sys} ($(identify -format '%wx%h' "$picture"))"
grep -aq "a blue square at the top left" "$picture" || fail "the picture has no infotext with the prompt"
if ! studio_quit "$app"; then
  kill "$app"
  fail "the studio did not quit on Ctrl+Q, see $smoke/studio.log"
fi
app=""
for file in history.json settings.json; do
  [ -f "$sys/home/artist/.local/share/sandpaint/$file" ] || fail "no $file in ~/.local/share/sandpaint"
done

step "command line: sandpaint-studio generate"
as_artist /usr/bin/sandpaint-studio generate --prompt "a red circle" --seed 3 --out /home/artist/Pictures/Sandpaint/cli.png \
  > "$smoke/cli.log" 2>&1 || fail "the installed CLI failed, see $smoke/cli.log"
[ -f "$pictures/cli.png" ] || fail "the CLI wrote no picture"
sed 's/^/   /' "$smoke/cli.log"

step "uninstall: apt-get remove sandpaint-studio"
in_system apt-get remove -y -q sandpaint-studio >> "$smoke/apt.log" 2>&1 || fail "apt-get remove failed"
[ ! -e "$sys/opt/sandpaint-studio" ] || fail "/opt/sandpaint-studio is still there after removal"
[ ! -L "$sys/usr/bin/sandpaint-studio" ] || fail "/usr/bin/sandpaint-studio is still there after removal"
kept=$(ls "$pictures"/*.png | wc -l)
[ "$kept" -ge 2 ] || fail "the user's pictures were not kept"
echo "   the user's $kept pictures and settings are still in /home/artist"
cp "$picture" "$smoke/studio-picture.png"
echo "SMOKE TEST PASSED: $(basename "$deb") installs on a minimal Debian, generates in the studio and the CLI, and uninstalls leaving the user's pictures"
