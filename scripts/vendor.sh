#!/usr/bin/env bash
# Vendor pinned front-end assets from the npm registry into the repo.
#
#   dkfds (Det Fælles Designsystem) -> boligsocial/static/vendor/dkfds/
#   axe-core (e2e a11y checks)      -> tests/e2e/assets/axe-core/
#   leaflet (the coordination map)  -> boligsocial/static/vendor/leaflet/
#   world-atlas (Natural Earth)     -> boligsocial/static/vendor/denmark/denmark.geojson
#                                      (Denmark's outline, by scripts/denmark_outline.py)
#
# Only the minified CSS/JS, the files the CSS references via url() (fonts,
# icons, placeholder logos), the SVG icon sprite and the licence files are
# copied; source maps, SCSS, src/ and the unused theme builds are skipped.
# The sourceMappingURL comments are stripped from the copied CSS/JS, because
# the .map files are not vendored (Django's ManifestStaticFilesStorage would
# otherwise fail collectstatic on the missing .map).
#
# Idempotent: each destination is wiped and rebuilt from the pinned tarball.
# Needs: node + npm, tar, coreutils.  Usage: scripts/vendor.sh
set -euo pipefail

DKFDS_VERSION="11.2.0"
DKFDS_INTEGRITY="sha512-JuVf8NjEOeF+TKIhEFXa3BfZvk1ulQM8+XN+6QhgDo6kiwwvupyBY34YU4FglBeyFWHbE5mYDmnrcYTWOSKkEA=="
AXE_VERSION="4.14.1"
LEAFLET_VERSION="1.9.4"
LEAFLET_INTEGRITY="sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
ATLAS_VERSION="2.0.2"
ATLAS_INTEGRITY="sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
AXE_INTEGRITY="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="

export NPM_CONFIG_LOGLEVEL=error
export NPM_CONFIG_FUND=false
export NPM_CONFIG_AUDIT=false
export NPM_CONFIG_UPDATE_NOTIFIER=false

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR_DIR="$ROOT/boligsocial/static/vendor"
DKFDS_DEST="$VENDOR_DIR/dkfds"
AXE_DEST="$ROOT/tests/e2e/assets/axe-core"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# fetch <pkg> <version> <expected sha512 integrity>  -> extracts to $TMP/<pkg>/
fetch() {
    local pkg="$1" version="$2" integrity="$3" tgz actual
    mkdir -p "$TMP/$pkg"
    tgz="$(cd "$TMP" && npm pack --silent "$pkg@$version" | tail -n 1)"
    actual="$(node -e 'const c=require("crypto"),f=require("fs");
process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$TMP/$tgz")"
    if [[ "$actual" != "$integrity" ]]; then
        echo "integrity mismatch for $pkg@$version: $actual" >&2
        exit 1
    fi
    tar -xzf "$TMP/$tgz" -C "$TMP/$pkg" --strip-components=1
}

# strip_sourcemap <file>: drop the trailing sourceMappingURL comment
strip_sourcemap() {
    sed -i -e '/^\/\/# sourceMappingURL=/d' -e '/^\/\*# sourceMappingURL=.*\*\/$/d' "$1"
}

# ---------------------------------------------------------------- dkfds
fetch dkfds "$DKFDS_VERSION" "$DKFDS_INTEGRITY"
SRC="$TMP/dkfds/dist"
rm -rf "$DKFDS_DEST"
mkdir -p "$DKFDS_DEST/css" "$DKFDS_DEST/js" "$DKFDS_DEST/img"

cp "$SRC/css/dkfds.min.css" "$DKFDS_DEST/css/"
cp "$SRC/js/dkfds.min.js" "$DKFDS_DEST/js/"
cp "$SRC/img/all-svg-icons.svg" "$DKFDS_DEST/img/"   # sprite for <svg><use href="…#name">
cp "$TMP/dkfds/LICENSE.md" "$DKFDS_DEST/LICENSE.md"

# Every url(...) in the CSS, relative to css/, copied with the same layout.
grep -o 'url([^)]*)' "$SRC/css/dkfds.min.css" \
    | sed -e 's/^url(//' -e 's/)$//' -e 's/^["'\'']//' -e 's/["'\'']$//' \
          -e 's/[?#].*$//' \
    | grep -v '^data:' | sort -u \
    | while read -r ref; do
        rel="$(realpath -m --relative-to="$SRC" "$SRC/css/$ref")"
        if [[ "$rel" == ../* || ! -f "$SRC/$rel" ]]; then
            echo "dkfds CSS references a missing file: $ref" >&2
            exit 1
        fi
        mkdir -p "$DKFDS_DEST/$(dirname "$rel")"
        cp "$SRC/$rel" "$DKFDS_DEST/$rel"
    done

# OFL licence text beside every font folder that was copied.
find "$DKFDS_DEST/fonts" -type d | while read -r d; do
    s="$SRC/${d#"$DKFDS_DEST"/}/license.txt"
    if [[ -f "$s" ]]; then cp "$s" "$d/license.txt"; fi
done

strip_sourcemap "$DKFDS_DEST/css/dkfds.min.css"
strip_sourcemap "$DKFDS_DEST/js/dkfds.min.js"

# ---------------------------------------------------------------- axe-core
fetch axe-core "$AXE_VERSION" "$AXE_INTEGRITY"
rm -rf "$AXE_DEST"
mkdir -p "$AXE_DEST"
cp "$TMP/axe-core/axe.min.js" "$TMP/axe-core/LICENSE" "$AXE_DEST/"
if [[ -f "$TMP/axe-core/LICENSE-3RD-PARTY.txt" ]]; then
    cp "$TMP/axe-core/LICENSE-3RD-PARTY.txt" "$AXE_DEST/"
fi
strip_sourcemap "$AXE_DEST/axe.min.js"

# ---------------------------------------------------------------- leaflet
fetch leaflet "$LEAFLET_VERSION" "$LEAFLET_INTEGRITY"
LEAFLET_DEST="$VENDOR_DIR/leaflet"
rm -rf "$LEAFLET_DEST"
mkdir -p "$LEAFLET_DEST/images"
cp "$TMP/leaflet/dist/leaflet.js" "$TMP/leaflet/dist/leaflet.css" "$TMP/leaflet/LICENSE" "$LEAFLET_DEST/"
cp "$TMP/leaflet/dist/images/"*.png "$LEAFLET_DEST/images/"
strip_sourcemap "$LEAFLET_DEST/leaflet.js"

# ---------------------------------------------------------------- denmark outline
fetch world-atlas "$ATLAS_VERSION" "$ATLAS_INTEGRITY"
DK_DEST="$VENDOR_DIR/denmark"
rm -rf "$DK_DEST"
mkdir -p "$DK_DEST"
python3 "$ROOT/scripts/denmark_outline.py" "$TMP/world-atlas/countries-50m.json" "$DK_DEST/denmark.geojson"
cp "$TMP/world-atlas/LICENSE" "$DK_DEST/LICENSE-world-atlas"
cat > "$DK_DEST/SOURCE.txt" <<EOF2
denmark.geojson: Denmark's land outline (12 polygons, coordinates rounded to 4 decimals),
extracted by scripts/denmark_outline.py from countries-50m.json of world-atlas@$ATLAS_VERSION
(npm, ISC licence, see LICENSE-world-atlas), which is pre-built TopoJSON of Natural Earth's
1:50m Admin 0 countries. Natural Earth is in the public domain (naturalearthdata.com/about/terms-of-use).
EOF2

# ---------------------------------------------------------------- VERSIONS
DKFDS_LICENSE="$(node -p "require('$TMP/dkfds/package.json').license")"
AXE_LICENSE="$(node -p "require('$TMP/axe-core/package.json').license")"
LEAFLET_LICENSE="$(node -p "require('$TMP/leaflet/package.json').license")"
ATLAS_LICENSE="$(node -p "require('$TMP/world-atlas/package.json').license")"
cat > "$VENDOR_DIR/VERSIONS.txt" <<EOF
# Vendored front-end packages (from the npm registry). Regenerate with scripts/vendor.sh
# package@version  licence  destination  integrity
dkfds@$DKFDS_VERSION  $DKFDS_LICENSE  boligsocial/static/vendor/dkfds/  $DKFDS_INTEGRITY
axe-core@$AXE_VERSION  $AXE_LICENSE  tests/e2e/assets/axe-core/  $AXE_INTEGRITY
leaflet@$LEAFLET_VERSION  $LEAFLET_LICENSE  boligsocial/static/vendor/leaflet/  $LEAFLET_INTEGRITY
world-atlas@$ATLAS_VERSION  $ATLAS_LICENSE (data: Natural Earth, public domain)  boligsocial/static/vendor/denmark/  $ATLAS_INTEGRITY
# leaflet: dist/leaflet.js (sourceMappingURL removed), dist/leaflet.css, dist/images/*.png, LICENSE.
# world-atlas: only Denmark from countries-50m.json, converted to GeoJSON (see denmark/SOURCE.txt).
# dkfds: MIT code; IBM Plex Sans fonts OFL-1.1; icons Apache-2.0 (see dkfds/LICENSE.md).
# dkfds: dist/css/dkfds.min.css + dist/js/dkfds.min.js (sourceMappingURL comments removed),
#        the files the CSS references (fonts/, img/) and img/all-svg-icons.svg.
# htmx is not vendored: it ships with the django-htmx Python package.
EOF

echo "vendored dkfds@$DKFDS_VERSION ($(du -sh "$DKFDS_DEST" | cut -f1)) and axe-core@$AXE_VERSION ($(du -sh "$AXE_DEST" | cut -f1))"
