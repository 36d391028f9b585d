import { resolveTxt } from 'node:dns/promises'

/** A domain's TXT records through the system resolver, each record's strings joined; [] when none. */
export async function nodeResolveTxt(hostname: string): Promise<string[]> {
  try {
    return (await resolveTxt(hostname)).map((chunks) => chunks.join(''))
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'ENODATA' || code === 'ENOTFOUND') return []
    throw err
  }
}
