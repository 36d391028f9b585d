import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * The project brings its own Node (the npm package `node`, see package.json): npm puts it first on
 * PATH for every script, so tests, `npm start` and the processes they spawn run it whatever Node
 * the machine has. If this fails, a script is running the system's Node instead.
 */
describe('runtime', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    dependencies: Record<string, string>
    engines: { node: string }
  }
  const brought = JSON.parse(readFileSync('node_modules/node/package.json', 'utf8')) as { version: string }

  it('runs the Node release the project installs', () => {
    expect(process.versions.node).toBe(brought.version)
    expect(Number(brought.version.split('.')[0])).toBeGreaterThanOrEqual(24)
  })

  it('declares an engines range that the brought Node satisfies', () => {
    const [minMajor = 0, minMinor = 0] = pkg.engines.node.replace('>=', '').split('.').map(Number)
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
    expect(major > minMajor || (major === minMajor && minor >= minMinor)).toBe(true)
    expect(pkg.dependencies.node).toMatch(/^\^24\./)
  })
})
