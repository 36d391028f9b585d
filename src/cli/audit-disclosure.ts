import type { Ctx } from '../modules/context.ts'
import { auditedPlaces, auditMunicipality, checkPlaces } from '../modules/impact/index.ts'

const share = (f: { cells: number; suppressed: number }) =>
  f.cells === 0 ? '0.0 %' : `${((100 * f.suppressed) / f.cells).toFixed(1)} %`

/**
 * Prints, per municipality: views, published cells, suppressed, protected cells recovered (must be
 * 0) and the share suppressed — served now, and with each table protected on its own and with
 * primary suppression alone, for comparison. Returns 1 when anything is recovered or misprinted.
 */
export async function auditDisclosureCommand(
  ctx: Ctx,
  municipalities: string[] | undefined,
): Promise<number> {
  const places = municipalities?.length ? checkPlaces(municipalities) : await auditedPlaces(ctx)
  let failed = 0
  const sum = {
    cells: 0,
    suppressed: 0,
    recovered: 0,
    tCells: 0,
    tSuppressed: 0,
    tRecovered: 0,
    pSuppressed: 0,
  }
  console.log(
    'municipality  views  cells  suppressed  recovered  share   | table by table: recovered  share | primary only: share',
  )
  for (const code of places) {
    const a = await auditMunicipality(ctx, code)
    const s = a.served
    console.log(
      `${`${a.place.code} ${a.place.name}`.padEnd(13).slice(0, 28)} ${String(a.views.length).padStart(5)} ${String(s.cells).padStart(6)} ${String(s.suppressed).padStart(11)} ${String(s.recovered.length).padStart(10)}  ${share(s).padStart(6)}  | ${String(a.tableByTable.recovered.length).padStart(25)} ${share(a.tableByTable).padStart(6)} | ${share(a.primaryOnly).padStart(19)}`,
    )
    for (const r of s.recovered)
      console.log(`    recovered ${r.id}: true ${r.value}, derivable [${r.lo}, ${r.hi}]`)
    for (const p of a.problems) console.log(`    ${p}`)
    if (s.recovered.length > 0 || a.problems.length > 0) failed++
    sum.cells += s.cells
    sum.suppressed += s.suppressed
    sum.recovered += s.recovered.length
    sum.tSuppressed += a.tableByTable.suppressed
    sum.tRecovered += a.tableByTable.recovered.length
    sum.pSuppressed += a.primaryOnly.suppressed
  }
  const pct = (n: number) => (sum.cells === 0 ? '0.0 %' : `${((100 * n) / sum.cells).toFixed(1)} %`)
  console.log(
    `all ${places.length} municipalities: ${sum.cells} cells, ${sum.suppressed} suppressed (${pct(sum.suppressed)}), ${sum.recovered} recovered; table by table ${pct(sum.tSuppressed)} with ${sum.tRecovered} recovered; primary only ${pct(sum.pSuppressed)}`,
  )
  return failed > 0 ? 1 : 0
}
