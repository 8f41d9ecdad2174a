#!/usr/bin/env bash
# Rebuilds the vendored front-end assets in crates/web/assets/ from the pinned
# npm packages in tools/frontend/package.json. Needs Node (>= 20.19) and npm at
# build time only; the server embeds the outputs and never needs Node.
#
#   bash tools/frontend/build.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/crates/web/assets"
mods="$here/node_modules"

cd "$here"

# Install build tools (install scripts are not needed: the only one is the
# optional file watcher used by `sass --watch`).
if [[ -f package-lock.json ]]; then
  npm ci --ignore-scripts --no-audit --no-fund
else
  npm install --ignore-scripts --no-audit --no-fund
fi

mkdir -p "$out"

# 1. CSS (compressed, no source map).
node compile-css.mjs "$out/caseline.css"

# 2. JavaScript (ES module bundles). We do not ship the source maps, so drop
#    the trailing sourceMappingURL comment that would point at them.
copy_js() {
  sed -e '$ s|//# sourceMappingURL=[^[:space:]]*$||' "$1" >"$2"
}
copy_js "$mods/govuk-frontend/dist/govuk/govuk-frontend.min.js" "$out/govuk-frontend.min.js"
copy_js "$mods/@ministryofjustice/frontend/moj/moj-frontend.min.js" "$out/moj-frontend.min.js"

# 3. Images: exactly those the CSS references, nothing else.
rm -rf "$out/images"
mkdir -p "$out/images"
image_dirs=(
  "$mods/@ministryofjustice/frontend/moj/assets/images"
  "$mods/govuk-frontend/dist/govuk/assets/images"
)
while read -r ref; do
  case "$ref" in
    /assets/images/*) name="${ref#/assets/images/}" ;;
    *) echo "error: caseline.css references $ref, outside /assets/images/" >&2; exit 1 ;;
  esac
  found=""
  for dir in "${image_dirs[@]}"; do
    if [[ -f "$dir/$name" ]]; then found="$dir/$name"; break; fi
  done
  if [[ -z "$found" ]]; then
    echo "error: caseline.css references $ref, which no package ships" >&2
    exit 1
  fi
  cp "$found" "$out/images/$name"
done < <(grep -o 'url([^)]*)' "$out/caseline.css" | sed -e 's/^url(//' -e 's/)$//' -e 's/^["'\'']//' -e 's/["'\'']$//' | sort -u)

# 4. No GDS Transport, no font files, no crest or crown images.
if grep -Eiq '@font-face|GDS Transport|\.woff2?|/fonts/|govuk-crest|crown[^"'\'' )]*\.(svg|png)' "$out/caseline.css"; then
  echo "error: caseline.css references fonts or crest/crown images:" >&2
  grep -Eio '.{60}(@font-face|GDS Transport|\.woff2?|/fonts/|govuk-crest|crown[^"'\'' )]*\.(svg|png)).{60}' "$out/caseline.css" >&2 || true
  exit 1
fi

echo
version() { node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).version' "$mods/$1/package.json"; }
echo "govuk-frontend $(version govuk-frontend), @ministryofjustice/frontend $(version @ministryofjustice/frontend), sass $(version sass)"
echo "Wrote to ${out#"$root"/}:"
(cd "$out" && find . -type f ! -name '*.md' | sed 's|^\./||' | sort | while read -r f; do
  printf '  %8d  %s\n' "$(wc -c <"$f")" "$f"
done)
