import { createRequire } from 'node:module'
import { cruise } from 'dependency-cruiser'
import { describe, expect, it } from 'vitest'

/**
 * What `npm run lint` cannot say with dependency-cruiser's file rules: the modules themselves
 * (src/http, src/policy, each src/modules/<area>, each web/<area>) import each other one way.
 * Two modules can import each other's front doors without any file cycle, so this walks the
 * graph of modules and looks for strongly connected groups.
 */

/** The module a file belongs to; files directly in src/, src/modules/ or web/ stand alone. */
function moduleOf(path: string): string {
  if (/^src\/modules\/[^/]+$/.test(path)) return path
  const area = /^(src\/modules|web|src)\/([^/]+)\//.exec(path)
  return area ? `${area[1]}/${area[2]}` : path
}

/** Groups of two or more nodes that reach each other (Tarjan). */
function cycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  let next = 0
  const visit = (v: string) => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        group.push(w)
      } while (w !== v)
      if (group.length > 1) found.push(group.sort())
    }
  }
  for (const v of edges.keys()) if (!index.has(v)) visit(v)
  return found
}

/**
 * src/entry/node.ts serves backups with src/cli's backup code, which opens databases with
 * src/entry's factories: both are the Node runtime's own layer, outside the Workers bundle.
 */
const ALLOWED = [['src/cli', 'src/entry']]

describe('module dependencies', () => {
  it('finds the cycle in a graph and none in a chain', () => {
    const graph = (pairs: [string, string][]) => {
      const m = new Map<string, Set<string>>()
      for (const [a, b] of pairs) m.set(a, (m.get(a) ?? new Set()).add(b))
      return m
    }
    expect(
      cycles(
        graph([
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
          ['c', 'd'],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']])
    expect(
      cycles(
        graph([
          ['a', 'b'],
          ['b', 'c'],
        ]),
      ),
    ).toEqual([])
    expect(moduleOf('src/modules/capital/repo.ts')).toBe('src/modules/capital')
    expect(moduleOf('src/modules/context.ts')).toBe('src/modules/context.ts')
    expect(moduleOf('web/ui/view.ts')).toBe('web/ui')
    expect(moduleOf('src/app.ts')).toBe('src/app.ts')
  })

  it('src and web modules import each other one way', async () => {
    const require = createRequire(import.meta.url)
    const config = require('../../.dependency-cruiser.cjs')
    const result = await cruise(['src', 'web'], { ...config.options, validate: false })
    if (typeof result.output === 'string') throw new Error('dependency-cruiser returned text')
    const edges = new Map<string, Set<string>>()
    for (const file of result.output.modules) {
      const from = moduleOf(file.source)
      for (const dep of file.dependencies) {
        if (!/^(src|web)\//.test(dep.resolved)) continue
        const to = moduleOf(dep.resolved)
        if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to))
      }
    }
    expect(edges.size).toBeGreaterThan(20)
    expect(cycles(edges)).toEqual(ALLOWED)
  }, 60_000)
})
