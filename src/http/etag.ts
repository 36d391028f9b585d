import { preconditionFailed } from './problem.ts'

/** Strong ETag for a versioned row. */
export const etagOf = (entity: string, id: string, version: number) => `"${entity}-${id}-v${version}"`

/**
 * The version an If-Match header refers to. No header means "update whatever is current"; a
 * header naming another version (or another resource) is a stale read: 412.
 */
export function versionFromIfMatch(
  header: string | undefined,
  entity: string,
  id: string,
  current: number,
): number {
  if (header === undefined || header.trim() === '*') return current
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''))
  if (tags.includes(etagOf(entity, id, current))) return current
  throw preconditionFailed()
}
