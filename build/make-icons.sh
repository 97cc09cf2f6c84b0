#!/bin/sh
# Makes build/icon.ico (the Windows icon: installer, shortcuts, taskbar, Explorer) and build/icon.png
# (Linux, 512 px) from build/icon.svg. Needs librsvg's rsvg-convert to draw the SVG and ImageMagick to pack
# the .ico (Debian: apt-get install -y librsvg2-bin imagemagick): ImageMagick's own SVG renderer draws the
# padlock's arc wrongly.
# Each size is drawn from the SVG at its own resolution, so a 16 px or 24 px icon stays sharp instead of
# being shrunk from a large bitmap; Windows picks the size it needs for the screen's DPI (24 at 150 %,
# 32 at 200 %, 48 for Explorer's medium icons, 256 for large icons).
# Run from the repository's root after changing icon.svg, check with `identify build/icon.ico`, commit both.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sizes="16 24 32 48 64 128 256"
for size in $sizes; do
  rsvg-convert --width "$size" --height "$size" --output "$tmp/$size.png" icon.svg
done
# shellcheck disable=SC2086 # the list of files is meant to split
convert $(for size in $sizes; do printf '%s ' "$tmp/$size.png"; done) icon.ico
rsvg-convert --width 512 --height 512 --output icon.png icon.svg
identify icon.ico
