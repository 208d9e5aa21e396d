#!/usr/bin/env bash
# Refreshes the console's vendored front-end assets from the npm registry
# (`make assets`). The files are committed, so that `make run` and the
# embedded binary need no build step and no network; rerun this only to move
# to another pinned version. Running it twice gives the same tree: the date
# in VENDORED.md changes only when what was vendored changes.
set -euo pipefail

# Pinned: the newest bootstrap-italia 2.x and axe-core 4.x when vendored.
BOOTSTRAP_ITALIA_VERSION=2.18.3
AXE_CORE_VERSION=4.14.1

here="$(cd "$(dirname "$0")" && pwd)"
vendor="$here/static/vendor"
bi="$vendor/bootstrap-italia"
axe="$here/testdata/axe"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# fetch NAME VERSION: downloads the package's tarball, checks it against the
# sha512 integrity the registry publishes, unpacks it to $tmp/NAME and sets
# INTEGRITY and TARBALL for VENDORED.md.
fetch() {
	local name="$1" version="$2" file
	INTEGRITY="$(npm view "$name@$version" dist.integrity)"
	TARBALL="$(npm view "$name@$version" dist.tarball)"
	case "$INTEGRITY" in
	sha512-*) ;;
	*) echo "$name@$version: no sha512 integrity from the registry: $INTEGRITY" >&2; exit 1 ;;
	esac
	file="$(cd "$tmp" && npm pack --silent "$name@$version" | tail -n 1)"
	local got
	got="sha512-$(openssl dgst -sha512 -binary "$tmp/$file" | base64 -w0)"
	if [ "$got" != "$INTEGRITY" ]; then
		echo "$name@$version: tarball integrity $got, registry says $INTEGRITY" >&2
		exit 1
	fi
	mkdir -p "$tmp/$name"
	tar -xzf "$tmp/$file" -C "$tmp/$name" --strip-components=1
}

fetch bootstrap-italia "$BOOTSTRAP_ITALIA_VERSION"
bi_integrity="$INTEGRITY" bi_tarball="$TARBALL"
src="$tmp/bootstrap-italia"

rm -rf "$bi"
mkdir -p "$bi/css" "$bi/js" "$bi/svg" "$bi/fonts"
# The source map comment would make browser dev tools ask for a file we do
# not ship.
sed '/sourceMappingURL=/d' "$src/dist/css/bootstrap-italia.min.css" >"$bi/css/bootstrap-italia.min.css"
# The bundle carries its dependencies (Popper, Splide, anime, video.js); the
# plain build expects them as separate globals.
cp "$src/dist/js/bootstrap-italia.bundle.min.js" "$bi/js/"
cp "$src/dist/svg/sprites.svg" "$bi/svg/"
cp "$src/LICENSE" "$bi/LICENSE"

# The CSS has no font url() of its own (only data: URIs): the bundle's
# loadFonts(path) writes the @font-face rules, each listing woff2 first. Every
# browser that runs Bootstrap Italia 2 takes woff2, so we keep the woff2
# files the bundle names and leave out the eot/svg/ttf/woff fallbacks.
fonts="$(grep -oE '[A-Za-z_]+/[a-z0-9_.-]+\.woff2' "$bi/js/bootstrap-italia.bundle.min.js" | sort -u)"
if [ -z "$fonts" ]; then
	echo "bootstrap-italia $BOOTSTRAP_ITALIA_VERSION: no woff2 font named in the bundle" >&2
	exit 1
fi
for f in $fonts; do
	mkdir -p "$bi/fonts/$(dirname "$f")"
	cp "$src/dist/fonts/$f" "$bi/fonts/$f"
done
# Each font family's own licence, as the package ships it.
for d in "$bi"/fonts/*/; do
	family="$(basename "$d")"
	for l in "$src/dist/fonts/$family"/*.txt; do
		if [ -e "$l" ]; then cp "$l" "$d"; fi
	done
done

fetch axe-core "$AXE_CORE_VERSION"
axe_integrity="$INTEGRITY" axe_tarball="$TARBALL"
rm -rf "$axe"
mkdir -p "$axe"
cp "$tmp/axe-core/axe.min.js" "$tmp/axe-core/LICENSE" "$axe/"
if [ -e "$tmp/axe-core/LICENSE-3RD-PARTY.txt" ]; then
	cp "$tmp/axe-core/LICENSE-3RD-PARTY.txt" "$axe/"
fi

font_licences() {
	local d family l
	for d in "$bi"/fonts/*/; do
		family="$(basename "$d")"
		for l in "$d"*.txt; do
			[ -e "$l" ] || continue
			case "$(head -c 4000 "$l")" in
			*"SIL OPEN FONT LICENSE"* | *"SIL Open Font License"*) echo "  - \`fonts/$family/\`: SIL Open Font License 1.1 (\`fonts/$family/$(basename "$l")\`)" ;;
			*"Apache License"*) echo "  - \`fonts/$family/\`: Apache License 2.0 (\`fonts/$family/$(basename "$l")\`)" ;;
			*) echo "  - \`fonts/$family/\`: see \`fonts/$family/$(basename "$l")\`" ;;
			esac
		done
	done
}

body() {
	cat <<EOF

Written by \`api/console/vendor.sh\` (\`make assets\`); do not edit by hand.

## bootstrap-italia $BOOTSTRAP_ITALIA_VERSION

- Directory: \`api/console/static/vendor/bootstrap-italia/\` (embedded in the binary)
- Source: $bi_tarball (https://github.com/italia/bootstrap-italia)
- Integrity: \`$bi_integrity\`
- Licence: BSD-3-Clause (\`LICENSE\`); the fonts keep their own:
$(font_licences)
- Files: \`css/bootstrap-italia.min.css\` (source map comment removed),
  \`js/bootstrap-italia.bundle.min.js\`, \`svg/sprites.svg\`, and the woff2
  fonts the bundle's \`loadFonts\` names (the eot/svg/ttf/woff fallbacks are
  left out). Pages load the fonts with
  \`bootstrap.loadFonts('/static/vendor/bootstrap-italia/fonts')\` (or
  \`window.__PUBLIC_PATH__\` set before the bundle) — adjust the prefix to
  where the console serves \`static/\`.

## axe-core $AXE_CORE_VERSION

- Directory: \`api/console/testdata/axe/\` (browser tests only, never embedded)
- Source: $axe_tarball (https://github.com/dequelabs/axe-core)
- Integrity: \`$axe_integrity\`
- Licence: MPL-2.0 (\`LICENSE\`; bundled third-party code in \`LICENSE-3RD-PARTY.txt\`)
- Files: \`axe.min.js\`
EOF
}

# The date moves only when the vendored packages do, so that a rerun with
# the same pins leaves git clean.
out="$vendor/VENDORED.md"
new_body="$(body)"
date="$(date -u +%Y-%m-%d)"
if [ -f "$out" ] && [ "$(sed '1,/^Vendored on /d' "$out")" = "$new_body" ]; then
	date="$(sed -n 's/^Vendored on \([0-9-]*\)\.$/\1/p' "$out")"
fi
{
	echo "# Vendored front-end assets"
	echo
	echo "Vendored on $date."
	printf '%s\n' "$new_body"
} >"$out"

# Tarballs carry executable bits on data files.
find "$bi" "$axe" -type f -exec chmod 0644 {} +

echo "vendored bootstrap-italia $BOOTSTRAP_ITALIA_VERSION ($(du -sh "$bi" | cut -f1)) and axe-core $AXE_CORE_VERSION ($(du -sh "$axe" | cut -f1))"
