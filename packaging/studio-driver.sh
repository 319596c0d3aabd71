# Drives the studio window under Xvfb with xdotool, for packaging/*.sh (source it; DISPLAY must be set).
# Each function waits a bounded time and returns non-zero when the studio did not get there, so the caller
# says what failed in its own words.

# studio_window PID: prints the studio's window id once it exists (up to 30 s; stops early if PID exits).
studio_window() {
  local win
  for _ in $(seq 120); do
    win="$(xdotool search --name "Sandpaint Studio" 2>/dev/null | head -1 || true)"
    [ -n "$win" ] && { echo "$win"; return 0; }
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.25
  done
  return 1
}

# studio_wait_for_title WIN TEXT: waits (up to 30 s) until the title contains TEXT; the title names the
# model once it is loaded.
studio_wait_for_title() {
  for _ in $(seq 60); do
    xdotool getwindowname "$1" | grep -q "$2" && return 0
    sleep 0.5
  done
  return 1
}

# studio_quit PID: Ctrl+Q, the way an artist quits (the settings are saved), then waits up to 10 s for PID.
studio_quit() {
  xdotool key ctrl+q
  for _ in $(seq 40); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.25
  done
  return 1
}
