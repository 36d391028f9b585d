import { createHash } from 'node:crypto'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, extname, join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/**
 * Builds `dist/public/assets`, everything the pages load, all from this origin:
 * - the dashboard's client scripts (web/client/*.ts) and stylesheet (web/styles/app.css), bundled
 *   and minified by esbuild under content-hashed names (chart.js tree-shaken to the parts used);
 * - the favicon, hashed the same way;
 * - `manifest.json`, logical name → hashed URL, which the server reads to link the current build;
 * - our static files from web/static and Swagger UI's files for /docs (fixed names).
 * The server sends /assets/* with a one-year immutable cache, so a changed file must change name.
 */
const require = createRequire(import.meta.url)
const out = 'dist/public/assets'
const manifest: Record<string, string> = {}
const url = (file: string) => `/assets/${relative(out, file).split('\\').join('/')}`

rmSync(out, { recursive: true, force: true })
mkdirSync(join(out, 'swagger-ui'), { recursive: true })
cpSync('web/static', out, { recursive: true })
const swagger = dirname(require.resolve('swagger-ui-dist/package.json'))
for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js']) {
  cpSync(join(swagger, file), join(out, 'swagger-ui', file))
}

// Logical names: the server asks for `app.js`, `charts.js`, `app.css`.
const entries = {
  app: 'web/client/app.ts',
  charts: 'web/client/charts.ts',
  'app-style': 'web/styles/app.css',
}
const result = await build({
  entryPoints: entries,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022', 'chrome111', 'firefox111', 'safari16'],
  outdir: out,
  entryNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'eof',
  logLevel: 'warning',
})
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const entry = Object.entries(entries).find(([, source]) => source === output.entryPoint)
  if (!entry) continue
  manifest[entry[0] === 'app-style' ? 'app.css' : `${entry[0]}.js`] = url(file)
}

for (const source of ['web/images/favicon.svg']) {
  const bytes = readFileSync(source)
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10)
  const name = basename(source, extname(source))
  const target = join(out, `${name}-${hash}${extname(source)}`)
  writeFileSync(target, bytes)
  manifest[basename(source)] = url(target)
}

writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
const sizes = Object.entries(manifest).map(([name, href]) => {
  const bytes = readFileSync(join(out, href.replace(/^\/assets\//, '')))
  return `${name} ${(bytes.length / 1024).toFixed(1)} kB (${(gzipSync(bytes).length / 1024).toFixed(1)} kB gzipped)`
})
console.log(`assets built in ${out}: ${sizes.join(', ')}`)
