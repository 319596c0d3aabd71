#!/usr/bin/env bash
# Builds Sandpaint Studio's installers with jpackage: a trimmed Java runtime (jlink), an app-image, and on
# request a native package (.deb here; .msi/.exe on Windows, .dmg/.pkg on macOS; see docs/packaging.md).
#
#   packaging/build-installer.sh [--variant cpu|gpu] [--type app-image|deb|rpm|msi|exe|dmg|pkg] [--dest DIR]
#
# cpu (default): ONNX Runtime's CPU build, ~54 MB.   gpu: the CUDA build (runs on CPU too), ~640 MB.
# Output: dist/ (or --dest). Each variant is built in target/package-<variant>/, so ./sandpaint's own
# build in target/ is left alone. The bundled demo model (models/demo) must have been exported.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
variant=cpu
type=app-image
dest="$root/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --variant) variant="$2"; shift 2 ;;
    --type) type="$2"; shift 2 ;;
    --dest) dest="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-installer: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

case "$variant" in
  cpu) name=sandpaint-studio; title="Sandpaint Studio"; profile=-Pcpu ;;
  gpu) name=sandpaint-studio-gpu; title="Sandpaint Studio (GPU)"; profile= ;;
  *) echo "build-installer: --variant must be cpu or gpu, not '$variant'" >&2; exit 2 ;;
esac
for tool in jpackage jlink; do
  command -v "$tool" >/dev/null || { echo "build-installer: $tool not found; install a full JDK 17 (openjdk-17-jdk)." >&2; exit 1; }
done
if [ "$(uname -s)" = Linux ]; then
  # The installers carry a start-up class list recorded by running the studio (record-class-list.sh); the
  # smoke test rejects a package without it, so its tools are checked (or installed) before anything is built.
  "$here/linux/check-build-tools.sh" --install || exit 1
fi
demo="$root/models/demo"
if [ ! -f "$demo/unet/model.onnx" ]; then
  echo "build-installer: the demo model is not exported in $demo; the installers ship it." >&2
  echo "  Export it: /usr/bin/python3 models/demo/train/export.py (see models/demo/train/README.md)" >&2
  exit 1
fi

# Version: the pom's, without -SNAPSHOT (installers want plain numbers).
version="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$root/pom.xml" | head -1)"
version="${version%-SNAPSHOT}"
build="$root/target/package-$variant"
work="$build/jpackage"

echo "== Maven build ($variant)"
rm -rf "$build/lib"        # so that lib/ holds exactly this build's dependencies
(cd "$root" && mvn -q -B -DskipTests $profile "-Dsandpaint.buildDirectory=$build" package)

echo "== staging"
rm -rf "$work"
input="$work/input"
mkdir -p "$input/lib" "$input/models"
cp "$build/sandpaint-studio.jar" "$input/"
cp "$build"/lib/*.jar "$input/lib/"
# ONNX Runtime and the tokenizer carry native libraries for every OS (ORT CPU: 187 MB unpacked); keep
# this platform's only. Needs zip; without it the jars stay whole (larger, still correct).
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ort=linux-x64; djl=linux-x86_64 ;;
  Linux-aarch64) ort=linux-aarch64; djl=linux-aarch64 ;;
  Darwin-arm64) ort=osx-aarch64; djl=osx-aarch64 ;;
  Darwin-x86_64) ort=osx-x64; djl=osx-x86_64 ;;
  *) ort=win-x64; djl=win-x86_64 ;;
esac
if command -v zip >/dev/null; then
  for jar in "$input"/lib/onnxruntime*.jar; do
    others=$(unzip -Z1 "$jar" 'ai/onnxruntime/native/*' | cut -d/ -f4 | sort -u | grep -vx "$ort" | grep . || true)
    for other in $others; do zip -q -d "$jar" "ai/onnxruntime/native/$other/*"; done
  done
  for jar in "$input"/lib/tokenizers-*.jar; do
    others=$(unzip -Z1 "$jar" 'native/lib/*' | cut -d/ -f3 | sort -u | grep -vx "$djl" | grep -v '\.' | grep . || true)
    for other in $others; do zip -q -d "$jar" "native/lib/$other/*"; done
  done
else
  echo "(zip not found: the native libraries of other platforms stay in the jars)"
fi
# The demo model without its training code.
mkdir -p "$input/models/demo"
for part in "$demo"/*; do
  [ "$(basename "$part")" = train ] || cp -r "$part" "$input/models/demo/"
done
cp "$root/LICENSE" "$here/about.txt" "$input/"
sed -e "s|@PACKAGE@|$name|g" -e "s|@TITLE@|$title|g" "$here/linux/desktop.in" > "$input/$name.desktop"

echo "== runtime (jlink)"
# What the app and its libraries use (jdeps over the jars, checked by running the packaged app).
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.sql,java.xml,jdk.jfr,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs
# (--generate-cds-archive was measured: window after 3.7-4.2 s with it, 3.8-4.3 s without, for 21 MB more.)
# bin/java stays (no --strip-native-commands): the package's postinst uses it to write the AppCDS archive.
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$work/runtime"

echo "== app-image"
icon="$root/packaging/icons/sandpaint.png"
case "$(uname -s)" in
  MINGW*|MSYS*|CYGWIN*) icon="$root/packaging/icons/sandpaint.ico" ;;
  Darwin) icon="$root/packaging/icons/sandpaint.icns" ;;
esac
if [ ! -f "$icon" ]; then
  echo "(no $icon: jpackage's default icon is used; see docs/packaging.md to make one)"
  icon=""
fi
jpackage --type app-image --name "$name" --app-version "$version" --dest "$work/image" \
  --input "$input" --main-jar sandpaint-studio.jar --main-class org.sandpaint.Launcher \
  --runtime-image "$work/runtime" ${icon:+--icon "$icon"} \
  --vendor "Sandpaint" --copyright "Sandpaint Studio authors, Apache License 2.0" \
  --description "$title: a desktop studio for Stable Diffusion" \
  --java-options '-Dsandpaint.models=$APPDIR/models' --java-options '-Dai.djl.offline=true' \
  --java-options '-XX:SharedArchiveFile=$APPDIR/sandpaint.jsa' --java-options '-Xlog:cds=off' \
  --java-options '-XX:TieredStopAtLevel=1'
image="$work/image/$name"
mkdir -p "$dest"

# AppCDS (class-data sharing): the classes the studio loads at start, pre-parsed into an archive, open the
# window about 1 s sooner (docs/benchmarks.md). The archive is tied to the jars' absolute paths, so it is
# written where the app finally lives: by the package's postinst, or below for an app-image. Without it
# the JVM starts the ordinary way, about 1 s slower, and the smoke test rejects the package: so a failure
# to record it stops the build.
echo "== class list for AppCDS"
if [ "$(uname -s)" = Linux ]; then
  "$here/record-class-list.sh" "$image" "$image/lib/app/sandpaint.classlist" || {
    echo "build-installer: recording the start-up class list failed (output above); the package would start" \
      "without its AppCDS archive and fail the smoke test." >&2
    exit 1
  }
fi
cp "$here/linux/dump-cds.sh" "$image/lib/app/"

if [ "$type" = app-image ]; then
  rm -rf "$dest/$name"
  cp -a "$image" "$dest/"
  if [ -f "$dest/$name/lib/app/sandpaint.classlist" ]; then
    "$dest/$name/lib/app/dump-cds.sh" "$dest/$name" || echo "(AppCDS archive not written; the app starts without it)"
  fi
  echo "app-image: $dest/$name (run $dest/$name/bin/$name)"
  exit 0
fi

echo "== $type package"
resources="$work/resources"
mkdir -p "$resources"
if [ "$type" = deb ] || [ "$type" = rpm ]; then
  for script in postinst prerm; do
    sed -e "s|@PACKAGE@|$name|g" "$here/linux/$script.in" > "$resources/$script"
  done
fi
linux=()
if [ "$type" = deb ]; then
  # JavaFX's own native code needs these (jpackage finds the JDK's needs itself with dpkg -S).
  linux=(--linux-package-name "$name" --linux-deb-maintainer "sandpaint@example.org" --linux-app-category graphics
         --linux-package-deps "libgtk-3-0 | libgtk-3-0t64, libgl1, libxtst6, libxxf86vm1")
fi
jpackage --type "$type" --app-image "$image" --name "$name" --app-version "$version" --dest "$dest" \
  --resource-dir "$resources" --license-file "$root/LICENSE" --about-url "https://github.com/sandpaint/sandpaint-studio" \
  --vendor "Sandpaint" --description "$title: a desktop studio for Stable Diffusion" "${linux[@]}"
find "$dest" -maxdepth 1 -type f -name "${name}[_-][0-9]*" -exec ls -l {} +
