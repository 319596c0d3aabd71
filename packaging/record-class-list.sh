#!/usr/bin/env bash
# Records which classes the studio loads while it starts, loads the demo model, generates one picture and
# quits, so that the installed app can keep them in a class-data-sharing archive (AppCDS) and open its
# window about a second sooner. Runs the given app-image under its own Xvfb, in a throw-away home folder.
#
#   packaging/record-class-list.sh APP_IMAGE_DIR OUTPUT_FILE
#
# Needs Xvfb and xdotool. Exits non-zero (and writes nothing) when the studio did not get that far.
set -euo pipefail
image="$(realpath "$1")"
out="$2"
launcher="$(find "$image/bin" -maxdepth 1 -type f -perm -u+x | head -1)"
[ -n "$launcher" ] || { echo "record-class-list: no launcher in $image/bin" >&2; exit 1; }
source "$(dirname "${BASH_SOURCE[0]}")/studio-driver.sh"
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "record-class-list: $tool not found" >&2; exit 1; }
done
scratch="$(mktemp -d)"
display_number=$((90 + RANDOM % 9))
Xvfb ":$display_number" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=""
cleanup() { set +e; [ -n "$app" ] && kill "$app" 2>/dev/null; kill "$xvfb" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT
sleep 1
export DISPLAY=":$display_number"
JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$scratch/classes.lst -Duser.home=$scratch" HOME="$scratch" \
  "$launcher" > "$scratch/studio.log" 2>&1 &
app=$!
win="$(studio_window "$app")" || { echo "record-class-list: no studio window" >&2; cat "$scratch/studio.log" >&2; exit 1; }
studio_wait_for_title "$win" demo || true   # generating without the model fails below, with a message
xdotool windowactivate --sync "$win" 2>/dev/null || true
xdotool key ctrl+Return
for _ in $(seq 240); do
  ls "$scratch"/Pictures/Sandpaint/*.png >/dev/null 2>&1 && break
  sleep 0.25
done
sleep 1
studio_quit "$app" || { echo "record-class-list: the studio did not quit" >&2; exit 1; }
app=""
ls "$scratch"/Pictures/Sandpaint/*.png >/dev/null 2>&1 || { echo "record-class-list: the studio generated nothing" >&2; exit 1; }
cp "$scratch/classes.lst" "$out"
echo "recorded $(grep -vc '^#' "$out") classes"
