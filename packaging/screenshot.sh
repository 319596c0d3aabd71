#!/usr/bin/env bash
# Starts the studio under Xvfb with a model, types a prompt, generates one image and saves a screenshot.
# Usage: packaging/screenshot.sh MODEL_DIR OUT.png [PROMPT]
# SCALE=2 draws it as on a HiDPI screen: a 2560x1600 screen, JavaFX scaled 2x (-Dglass.gtk.uiScale=2).
# Needs: xvfb, xdotool, imagemagick (apt-get install -y xvfb xdotool imagemagick).
set -euo pipefail
model="${1:?model folder}"; out="${2:?output png}"; prompt="${3:-a red circle on a blue background}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/packaging/studio-driver.sh"
scale="${SCALE:-1}"
width=$((1280 * scale)); height=$((800 * scale))
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 "${width}x${height}x24" >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
export DISPLAY="$display"
sleep 1
SANDPAINT_JAVA_OPTS="-Dglass.gtk.uiScale=$scale ${SANDPAINT_JAVA_OPTS:-}" "$here/sandpaint" studio --model "$model" > /tmp/sandpaint-studio.log 2>&1 &
app=$!
win="$(studio_window "$app")" || { echo "screenshot: no studio window, see /tmp/sandpaint-studio.log" >&2; exit 1; }
xdotool windowmove "$win" 0 0 windowsize "$win" "$width" "$height"
sleep 3   # model loading
xdotool windowactivate --sync "$win" 2>/dev/null || true
xdotool mousemove $((400 * scale)) $((70 * scale)) click 1
xdotool type --delay 20 "$prompt"
xdotool key ctrl+Return
sleep "${WAIT_SECONDS:-6}"
import -window root "$out"
echo "$out"
