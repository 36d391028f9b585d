import type { JSX } from 'hono/jsx/jsx-runtime'
import type { Ctx } from '../../src/modules/context.ts'
import type { View } from './view.ts'

/**
 * One block of a composite page (the portfolio, the venture page). A section loads what it needs
 * through its area's service — so the service's permission rules apply — and renders it, or
 * returns null when there is nothing for this caller. New areas plug in by adding a section to
 * the page's list; the page itself does not change.
 */
export type Section<Input> = (ctx: Ctx, v: View, input: Input) => Promise<JSX.Element | null>

export async function renderSections<Input>(
  sections: Section<Input>[],
  ctx: Ctx,
  v: View,
  input: Input,
): Promise<JSX.Element[]> {
  const out: JSX.Element[] = []
  // One at a time: an embedded database has one connection, and order is the page's order.
  for (const section of sections) {
    const el = await section(ctx, v, input)
    if (el) out.push(el)
  }
  return out
}
