// Compiles caseline.scss to compressed CSS with no source map.
//
// Usage: node compile-css.mjs <output.css>
//
// Uses the Dart Sass JS API rather than the CLI so that it can provide
// `caseline-image-url()`, which GOV.UK Frontend calls (via
// $govuk-image-url-function) for every image its CSS references. Images we do
// not ship (the Royal Arms crest in the footer) get `null`, so Sass leaves the
// declaration out and the CSS never asks for a file that is not there.

import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import * as sass from 'sass'

const here = dirname(fileURLToPath(import.meta.url))
const output = process.argv[2]
if (!output) {
  console.error('usage: node compile-css.mjs <output.css>')
  process.exit(2)
}

// GOV.UK Frontend images we ship (copied to <assets>/images/ by build.sh).
// Empty on purpose: the only one GOV.UK Frontend's CSS uses is the crest.
const shippedGovukImages = new Set([])
const imagesPath = '/assets/images/'
const dropped = new Set()

const result = sass.compile(join(here, 'caseline.scss'), {
  style: 'compressed',
  sourceMap: false,
  // MOJ Frontend loads "node_modules/govuk-frontend/..." from a load path.
  loadPaths: [here],
  importers: [new sass.NodePackageImporter(here)],
  // Silence deprecation warnings from GOV.UK / MOJ Frontend's own Sass.
  quietDeps: true,
  functions: {
    'caseline-image-url($filename)': (args) => {
      const filename = args[0].assertString('filename').text
      if (shippedGovukImages.has(filename)) {
        return new sass.SassString(`url("${imagesPath}${filename}")`, { quotes: false })
      }
      dropped.add(filename)
      return sass.sassNull
    }
  }
})

writeFileSync(output, result.css + '\n')
for (const filename of [...dropped].sort()) {
  console.log(`  dropped GOV.UK Frontend image reference: ${filename}`)
}
