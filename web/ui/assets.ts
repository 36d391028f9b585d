import type { Logger } from '../../src/http/logger.ts'

/**
 * The built assets' manifest (written by src/cli/build-assets.ts): logical name → the
 * content-hashed URL, e.g. `app.js` → `/assets/app-5QX3T2KD.js`. Hashed names let the server
 * cache them for a year; pages always link the current build.
 */
export type AssetManifest = Record<string, string>

export const MANIFEST_PATH = '/assets/manifest.json'

/** A manifest once read is the same for the whole process (the build does not change under it). */
let shared: AssetManifest | undefined

/**
 * Reads the manifest through the app's own `/assets/*` handler (so the dashboard needs no file
 * system access and runs wherever the assets are served: Node's static files, Workers' assets
 * binding). Read once per process — the Workers entry builds an app per request. Without built
 * assets the pages still render, unstyled, and a warning says how to build them.
 */
export function assetLoader(
  fetchAsset: (path: string) => Response | Promise<Response>,
): (logger: Logger) => Promise<AssetManifest> {
  let missing: Promise<AssetManifest> | undefined
  return async (logger) => {
    if (shared) return shared
    if (missing) return missing
    try {
      const res = await fetchAsset(`http://localhost${MANIFEST_PATH}`)
      if (res.ok) {
        shared = (await res.json()) as AssetManifest
        return shared
      }
    } catch {}
    logger.warn({ msg: 'dashboard assets are not built; run `npm run build:assets`' })
    missing = Promise.resolve({})
    return missing
  }
}
