#!/bin/sh
# Writes the app's AppCDS archive (lib/app/sandpaint.jsa) from the class list recorded at build time, with
# the jars' paths as installed, which the archive must match. Run by the package's postinst, or by hand
# after moving an app-image:  APP_DIR/lib/app/dump-cds.sh APP_DIR   (a few seconds; ~40 MB).
set -e
top="$1"
app="$top/lib/app"
cfg="$(ls "$app"/*.cfg | head -1)"
[ -f "$app/sandpaint.classlist" ] || { echo "dump-cds: no class list in $app" >&2; exit 1; }
classpath="$(sed -n 's/^app\.classpath=//p' "$cfg" | sed "s|\$APPDIR|$app|g" | paste -sd: -)"
rm -f "$app/sandpaint.jsa"
"$top/lib/runtime/bin/java" -Xshare:dump -Xlog:cds=off -Xlog:cds+dynamic=off \
  -XX:SharedClassListFile="$app/sandpaint.classlist" -XX:SharedArchiveFile="$app/sandpaint.jsa" \
  -cp "$classpath" > /dev/null
