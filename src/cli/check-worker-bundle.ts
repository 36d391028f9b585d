import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'

/**
 * `npm run check:worker`: builds the Cloudflare Workers bundle exactly as `wrangler deploy` would
 * (`--dry-run`, same esbuild setup, conditions and nodejs_compat handling) and proves from its
 * esbuild metafile that the Worker stays clean:
 *
 * 1. no PGlite and no @hono/node-server anywhere in the bundle, and none of our Node-only code
 *    (src/entry/node*.ts, src/cli/) either;
 * 2. no file of ours (src/, migrations/) imports a Node built-in — only packages on an allow-list
 *    (the pg driver) may, because nodejs_compat serves those on Workers;
 * 3. the Node built-ins the bundle needs are ones nodejs_compat provides, and nothing else is left
 *    for the runtime to resolve (except cloudflare:* modules and pg's optional pg-native, which
 *    pg only loads when `pg.native` is asked for);
 * 4. the bundle is the Worker (entry src/entry/worker.ts with src/app.ts and pg inside) and fits
 *    the Workers free plan's 3 MiB compressed size.
 *
 * Exits 1 and names every violation; `--metafile FILE` checks an existing metafile instead.
 */

export interface MetafileImport {
  path: string
  kind: string
  external?: boolean
  original?: string
}

export interface Metafile {
  inputs: Record<string, { bytes?: number; imports?: MetafileImport[] }>
  outputs: Record<string, { bytes: number; entryPoint?: string; inputs?: Record<string, unknown> }>
}

export interface BundleReport {
  violations: string[]
  /** Node built-in → the files that import it. */
  nodeBuiltins: Record<string, string[]>
  /** Packages in the bundle, by name. */
  packages: string[]
  entryPoint: string | undefined
}

export const WORKER_ENTRY = 'src/entry/worker.ts'

/** Packages that must never reach the Worker: they need a filesystem, WASM files or a Node server. */
export const FORBIDDEN_PACKAGES = ['@electric-sql/pglite', '@hono/node-server']

/** The pg driver and its helpers use Node's net/tls/events/stream APIs through nodejs_compat. */
export const NODE_BUILTIN_IMPORTERS = [
  'pg',
  'pg-pool',
  'pg-protocol',
  'pg-connection-string',
  'pg-cloudflare',
  'pgpass',
  'split2',
]

/** Node modules that nodejs_compat implements (checked against Cloudflare's list, 2026-11). */
export const NODEJS_COMPAT_MODULES = [
  'buffer',
  'crypto',
  'dns',
  'events',
  'fs',
  'net',
  'path',
  'stream',
  'string_decoder',
  'tls',
  'util',
  'util/types',
]

const OWN_NODE_ONLY = [/^src\/entry\/node[^/]*\.ts$/, /^src\/cli\//]
const BUILTINS = new Set(builtinModules)
const WRANGLER_BUILTIN = 'node-built-in-modules:'

const packageOf = (file: string): string | undefined =>
  /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]

const isOwnSource = (file: string) => /^(src|migrations)\//.test(file)

/** The Node built-in an import names (`node:fs`, `fs`, wrangler's `node-built-in-modules:fs`), if any. */
export function nodeBuiltinOf(imp: MetafileImport): string | undefined {
  for (const candidate of [imp.original, imp.path]) {
    if (!candidate) continue
    if (candidate.startsWith('node:')) return candidate.slice(5)
    if (candidate.startsWith(WRANGLER_BUILTIN)) return candidate.slice(WRANGLER_BUILTIN.length)
  }
  if (imp.external && BUILTINS.has(imp.path)) return imp.path
  if (imp.original && BUILTINS.has(imp.original)) return imp.original
  return undefined
}

/** Applies the rules above to an esbuild metafile. Pure, so the test can feed it bad bundles. */
export function checkWorkerMetafile(meta: Metafile, entry = WORKER_ENTRY): BundleReport {
  const violations: string[] = []
  const nodeBuiltins: Record<string, string[]> = {}
  const packages = new Set<string>()
  const inputs = Object.keys(meta.inputs)

  for (const file of inputs) {
    const pkg = packageOf(file)
    if (pkg) packages.add(pkg)
    if (pkg && FORBIDDEN_PACKAGES.includes(pkg)) violations.push(`${pkg} is in the bundle (${file})`)
    if (OWN_NODE_ONLY.some((re) => re.test(file))) violations.push(`Node-only ${file} is in the bundle`)
  }

  for (const [file, input] of Object.entries(meta.inputs)) {
    // Wrangler's virtual `node-built-in-modules:x` files only re-export the built-in itself.
    if (file.startsWith(WRANGLER_BUILTIN)) continue
    for (const imp of input.imports ?? []) {
      const forbidden = FORBIDDEN_PACKAGES.find((p) => imp.path === p || imp.path.startsWith(`${p}/`))
      if (forbidden) violations.push(`${file} imports ${imp.path}`)
      const builtin = nodeBuiltinOf(imp)
      if (builtin !== undefined) {
        nodeBuiltins[builtin] = [...(nodeBuiltins[builtin] ?? []), file]
        const pkg = packageOf(file)
        if (isOwnSource(file) || !pkg) violations.push(`${file} imports node:${builtin}`)
        else if (!NODE_BUILTIN_IMPORTERS.includes(pkg))
          violations.push(`${pkg} (${file}) imports node:${builtin}; only the pg driver may`)
        if (!NODEJS_COMPAT_MODULES.includes(builtin))
          violations.push(`node:${builtin} (imported by ${file}) is not on the nodejs_compat list`)
        continue
      }
      // `<runtime>` is esbuild's own helper code, inlined into the bundle.
      if (!imp.external || imp.path === '<runtime>') continue
      const optionalNative = imp.path === 'pg-native' && packageOf(file) === 'pg'
      if (!imp.path.startsWith('cloudflare:') && !optionalNative)
        violations.push(`${file} leaves ${imp.path} for the runtime to resolve`)
    }
  }

  const [, output] = Object.entries(meta.outputs).find(([name]) => name.endsWith('.js')) ?? []
  const entryPoint = output?.entryPoint
  if (entryPoint !== entry) violations.push(`the bundle's entry point is ${entryPoint}, not ${entry}`)
  for (const must of ['src/app.ts', 'node_modules/pg/lib/index.js']) {
    if (!inputs.includes(must)) violations.push(`${must} is missing from the bundle`)
  }
  for (const list of Object.values(nodeBuiltins)) list.sort()
  return { violations, nodeBuiltins, packages: [...packages].sort(), entryPoint }
}

/** Free plan limit on the compressed Worker (paid: 10 MiB). */
export const MAX_GZIP_BYTES = 3 * 1024 * 1024

/** Runs `wrangler deploy --dry-run`; returns the metafile and the bundle's path. */
export function buildWorkerBundle(outdir = 'dist/worker'): { meta: Metafile; bundle: string } {
  const pkg = createRequire(import.meta.url).resolve('wrangler/package.json')
  const wrangler = join(dirname(pkg), 'bin', 'wrangler.js')
  // Wrangler refuses a missing assets directory; the check does not need the built assets.
  mkdirSync('dist/public', { recursive: true })
  const metafile = join(outdir, 'meta.json')
  const run = spawnSync(
    process.execPath,
    [wrangler, 'deploy', '--dry-run', '--outdir', outdir, '--metafile', metafile],
    { encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' } },
  )
  if (run.status !== 0) {
    throw new Error(`wrangler deploy --dry-run failed (${run.status}):\n${run.stdout}\n${run.stderr}`)
  }
  return { meta: JSON.parse(readFileSync(metafile, 'utf8')) as Metafile, bundle: join(outdir, 'worker.js') }
}

export function gzipSize(file: string): number {
  return gzipSync(readFileSync(file)).length
}

function main(argv: string[]): number {
  const at = argv.indexOf('--metafile')
  let meta: Metafile
  let bundle: string | undefined
  if (at >= 0 && argv[at + 1]) {
    meta = JSON.parse(readFileSync(argv[at + 1]!, 'utf8')) as Metafile
  } else {
    ;({ meta, bundle } = buildWorkerBundle())
  }
  const report = checkWorkerMetafile(meta)
  if (bundle) {
    const size = gzipSize(bundle)
    console.log(`Worker bundle ${bundle}: ${(size / 1024).toFixed(0)} KiB gzipped`)
    if (size > MAX_GZIP_BYTES) report.violations.push(`the bundle is ${size} bytes gzipped (> 3 MiB)`)
  }
  console.log(`Packages in the bundle: ${report.packages.join(', ')}`)
  for (const [builtin, files] of Object.entries(report.nodeBuiltins).sort()) {
    console.log(`  node:${builtin} ← ${[...new Set(files.map((f) => packageOf(f) ?? f))].join(', ')}`)
  }
  if (report.violations.length) {
    console.error(`The Worker bundle is not clean:\n${report.violations.map((v) => `  - ${v}`).join('\n')}`)
    return 1
  }
  console.log('The Worker bundle is clean: no PGlite, no @hono/node-server, no node: import from src/.')
  return 0
}

// Run as a script, not when a test imports the rules.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2))
}
