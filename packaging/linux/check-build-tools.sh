#!/usr/bin/env bash
# Checks the tools that recording the start-up class list needs (record-class-list.sh runs the studio under
# Xvfb and drives it with xdotool; the studio needs GTK 3). Prints the Debian packages that are missing and
# exits 1; with --install, installs them when run as root on a system with apt-get.
#
#   packaging/linux/check-build-tools.sh [--install]
set -euo pipefail
missing=()
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
command -v xdotool >/dev/null 2>&1 || missing+=(xdotool)
has_gtk() {
  local ldconfig
  for ldconfig in ldconfig /sbin/ldconfig /usr/sbin/ldconfig; do
    if command -v "$ldconfig" >/dev/null 2>&1; then
      "$ldconfig" -p 2>/dev/null | grep -q 'libgtk-3\.so\.0' && return 0
      return 1
    fi
  done
  ls /usr/lib/*/libgtk-3.so.0 /usr/lib64/libgtk-3.so.0 /usr/lib/libgtk-3.so.0 >/dev/null 2>&1
}
has_gtk || missing+=(libgtk-3-0)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "${1:-}" = --install ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "== installing ${missing[*]} (needed to record the start-up class list)"
  apt-get install -y --no-install-recommends "${missing[@]}" \
    || { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; }
  exit 0
fi
echo "Recording the start-up class list needs: ${missing[*]}." >&2
echo "Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}) and run the build again." >&2
exit 1
