import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * One full garbage collection once the server is ready to listen (issue 17). Start-up leaves a lot
 * behind that V8 would hold for minutes on an idle server: on a fresh data dir the whole second
 * PGlite instance that ran initdb (its WebAssembly memory and the file-system bundle, ≈ 200 MB),
 * and always the migrations' and the demo loader's garbage and tsx's transpile work. Nothing
 * else asks for memory at that moment, so the collection costs tens of milliseconds once.
 *
 * `gc` is exposed for this call only, without `--expose-gc` on the command line, so the start
 * script, the bench and anyone running `node src/entry/node.ts` by hand behave alike.
 */
export function collectStartupGarbage(): void {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as (() => void) | undefined
  gc?.()
}
