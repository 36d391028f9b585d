import { createWriteStream, renameSync, rmSync } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { BackupError } from './pg-tools.ts'

/**
 * `admin backup FILE --server URL`: asks the running server for its backup
 * (GET /v1/admin/backup), for the embedded database that no second process may open. The token
 * comes from EFFEKT_TOKEN, so it stays out of the process list and the shell history.
 */
export async function backupFromServer(server: string, file: string, token: string | undefined) {
  if (!token)
    throw new BackupError(
      'backup.token_missing',
      "Set EFFEKT_TOKEN to a platform administrator's API token (npm run admin -- create-token … --read-only).",
    )
  let url: URL
  try {
    url = new URL('/v1/admin/backup', server)
  } catch {
    throw new BackupError(
      'backup.server_invalid',
      `--server must be the server's URL, such as http://localhost:8787.`,
    )
  }
  let res: Response
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  } catch (err) {
    throw new BackupError('backup.unreachable', `Cannot reach ${url.origin}: ${(err as Error).message}`)
  }
  if (res.status !== 200 || !res.body) {
    const text = await res.text()
    let detail = text
    try {
      detail = (JSON.parse(text) as { detail?: string }).detail ?? text
    } catch {}
    throw new BackupError('backup.server_refused', `The server answered ${res.status}: ${detail}`)
  }
  const partial = `${file}.partial`
  try {
    await pipeline(
      Readable.fromWeb(res.body as import('node:stream/web').ReadableStream),
      createWriteStream(partial),
    )
    renameSync(partial, file)
  } finally {
    rmSync(partial, { force: true })
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1]
  return `Backup from ${url.origin} written to ${file}${name ? ` (${name})` : ''}.`
}
