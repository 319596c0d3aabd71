#!/usr/bin/env bash
# Makes the pictures of ImageLoaderColorTest with ImageMagick 6 and records what ImageMagick shows for
# pixel (2,2) of each (flattened on white, as sRGB) in expected.csv. Run from this folder.
set -euo pipefail
convert -size 8x8 xc:'rgb(150,150,150)' -colorspace Gray -alpha set -channel A -evaluate set 100% +channel \
  -define png:color-type=4 grey-alpha.png
convert -size 8x8 xc:'rgb(150,150,150)' -colorspace Gray -alpha set -channel A -evaluate set 50% +channel \
  -define png:color-type=4 grey-alpha-half.png
convert -size 8x8 xc:'rgb(150,150,150)' -colorspace Gray -alpha set -depth 16 -define png:color-type=4 \
  -define png:bit-depth=16 grey-alpha-16bit.png
convert -size 8x8 xc:'rgb(200,40,60)' -colorspace CMYK -quality 95 cmyk-ycck.jpg
convert -size 8x8 xc:'rgb(30,120,220)' -colorspace CMYK -quality 95 -define jpeg:sampling-factor=1x1 cmyk-blue.jpg
: > expected.csv
for f in grey-alpha.png grey-alpha-half.png grey-alpha-16bit.png cmyk-ycck.jpg cmyk-blue.jpg; do
  rgb=$(convert "$f" -background white -flatten -colorspace sRGB -depth 8 -format '%[fx:int(255*p{2,2}.r+0.5)],%[fx:int(255*p{2,2}.g+0.5)],%[fx:int(255*p{2,2}.b+0.5)]' info:)
  echo "$f,$rgb" >> expected.csv
done
