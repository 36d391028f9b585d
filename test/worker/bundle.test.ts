import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  buildWorkerBundle,
  checkWorkerMetafile,
  gzipSize,
  MAX_GZIP_BYTES,
  type Metafile,
} from '../../src/cli/check-worker-bundle.ts'

/**
 * The Workers bundle, built as `wrangler deploy` builds it, carries no PGlite, no
 * @hono/node-server and no Node built-in imported by our own code (see check-worker-bundle.ts).
 */
const out = mkdtempSync(join(tmpdir(), 'effekt-worker-bundle-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('the Workers bundle', () => {
  it('is clean', () => {
    const { meta, bundle } = buildWorkerBundle(out)
    const report = checkWorkerMetafile(meta)
    expect(report.violations).toEqual([])
    expect(report.entryPoint).toBe('src/entry/worker.ts')
    expect(report.packages).toContain('pg')
    expect(report.packages).not.toContain('@electric-sql/pglite')
    expect(report.packages).not.toContain('@hono/node-server')
    // Only the pg driver family needs Node built-ins, which nodejs_compat serves.
    const importers = new Set(
      Object.values(report.nodeBuiltins)
        .flat()
        .map((f) => /node_modules\/([^/]+)\//.exec(f)?.[1]),
    )
    expect([...importers].every((p) => p?.startsWith('pg') || p === 'split2')).toBe(true)
    expect(Object.keys(meta.inputs).some((f) => f.startsWith('src/') && f.includes('entry/node'))).toBe(false)
    expect(gzipSize(bundle)).toBeLessThan(MAX_GZIP_BYTES)
  })
})

/** A bundle of `entry` holding `files`, each importing what it lists. */
function fakeMeta(
  files: Record<string, { path: string; external?: boolean; original?: string }[]>,
): Metafile {
  const inputs = Object.fromEntries(
    Object.entries(files).map(([file, imports]) => [
      file,
      { bytes: 1, imports: imports.map((i) => ({ kind: 'import-statement', ...i })) },
    ]),
  )
  return {
    inputs,
    outputs: { 'dist/worker/worker.js': { bytes: 1, entryPoint: 'src/entry/worker.ts', inputs } },
  }
}

const clean = {
  'src/entry/worker.ts': [{ path: 'src/app.ts' }],
  'src/app.ts': [],
  'node_modules/pg/lib/index.js': [],
  'node_modules/pg/lib/stream.js': [{ path: 'node-built-in-modules:net', original: 'net' }],
  'node-built-in-modules:net': [{ path: 'net', external: true }],
  'node_modules/pg-cloudflare/dist/index.js': [{ path: 'cloudflare:sockets', external: true }],
  'node_modules/pg/lib/native/client.js': [{ path: 'pg-native', external: true }],
}

describe('the bundle rules', () => {
  it('accept a bundle whose only Node built-ins come from pg', () => {
    const report = checkWorkerMetafile(fakeMeta(clean))
    expect(report.violations).toEqual([])
    expect(report.nodeBuiltins).toEqual({ net: ['node_modules/pg/lib/stream.js'] })
  })

  it('refuse PGlite and @hono/node-server, as files or as imports', () => {
    const report = checkWorkerMetafile(
      fakeMeta({
        ...clean,
        'node_modules/@electric-sql/pglite/dist/index.js': [],
        'src/db/x.ts': [{ path: '@hono/node-server', external: true }],
      }),
    )
    expect(report.violations).toEqual([
      '@electric-sql/pglite is in the bundle (node_modules/@electric-sql/pglite/dist/index.js)',
      'src/db/x.ts imports @hono/node-server',
      'src/db/x.ts leaves @hono/node-server for the runtime to resolve',
    ])
  })

  it('refuse a Node built-in imported by our own code, however it is spelled', () => {
    const report = checkWorkerMetafile(
      fakeMeta({
        ...clean,
        'src/http/a.ts': [{ path: 'node:fs', external: true }],
        'src/http/b.ts': [{ path: 'node-built-in-modules:crypto', original: 'node:crypto' }],
        'migrations/c.ts': [{ path: 'path', external: true }],
      }),
    )
    expect(report.violations).toEqual([
      'src/http/a.ts imports node:fs',
      'src/http/b.ts imports node:crypto',
      'migrations/c.ts imports node:path',
    ])
  })

  it('refuse a package other than pg reaching for Node, a module nodejs_compat lacks, and Node-only code', () => {
    const report = checkWorkerMetafile(
      fakeMeta({
        ...clean,
        'node_modules/leftpad-fs/index.js': [{ path: 'node-built-in-modules:fs', original: 'fs' }],
        'node_modules/pg/lib/extra.js': [{ path: 'node:child_process', external: true }],
        'src/cli/admin.ts': [],
        'src/entry/node-database.ts': [],
      }),
    )
    expect(report.violations).toEqual([
      'Node-only src/cli/admin.ts is in the bundle',
      'Node-only src/entry/node-database.ts is in the bundle',
      'leftpad-fs (node_modules/leftpad-fs/index.js) imports node:fs; only the pg driver may',
      'node:child_process (imported by node_modules/pg/lib/extra.js) is not on the nodejs_compat list',
    ])
  })

  it('refuse a bundle of another entry point', () => {
    const meta = fakeMeta(clean)
    meta.outputs['dist/worker/worker.js']!.entryPoint = 'src/entry/node.ts'
    expect(checkWorkerMetafile(meta).violations).toEqual([
      "the bundle's entry point is src/entry/node.ts, not src/entry/worker.ts",
    ])
  })
})
