import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import PDFDocument from 'pdfkit'
import {
  type AnnualKeyFigure,
  type AnnualReportDocument,
  formatDecimal,
  formatNok,
  formatPercentOf,
} from '../domain/annual-report.ts'
import { type AnnualReportText, annualReportText } from '../domain/annual-report-text.ts'

/**
 * The annual impact report as a PDF, drawn by pdfkit on the server (no browser): A4, DejaVu Sans
 * embedded (it has æøå and the Sámi letters), charts as vector paths with their values written on
 * them, tables that break across pages. Node only (pdfkit reads fonts from the file system): the
 * Node entry hands it to createApp; on Workers the PDF routes answer annual_report.pdf_unavailable.
 */
const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf')
const FONT = join(FONT_DIR, 'DejaVuSans.ttf')
const FONT_BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf')

const PAGE = { width: 595.28, height: 841.89, margin: 50 }
const CONTENT = PAGE.width - 2 * PAGE.margin
const BOTTOM = PAGE.height - PAGE.margin - 20
const INK = '#1a1a1a'
const MUTED = '#555555'
const RULE = '#bbbbbb'
const ACCENT = '#1f5f8b'
const TARGET = '#b5472b'

type Doc = InstanceType<typeof PDFDocument>
type Align = 'left' | 'right' | 'center'
interface Column {
  label: string
  width: number
  align?: Align
}

export function renderAnnualReportPdf(report: AnnualReportDocument): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    lang: report.language === 'nb' ? 'nb-NO' : 'en-GB',
    info: { Title: report.title, Author: report.investor?.name ?? 'Effekt', Subject: report.subject.name },
    displayTitle: true,
  })
  doc.registerFont('body', FONT)
  doc.registerFont('bold', FONT_BOLD)
  const chunks: Uint8Array[] = []
  doc.on('data', (c: Uint8Array) => chunks.push(c))
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(concat(chunks)))
    doc.on('error', reject)
  })
  new Layout(doc, report, annualReportText(report.language)).draw()
  doc.end()
  return done
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

class Layout {
  private y = PAGE.margin
  constructor(
    private readonly doc: Doc,
    private readonly r: AnnualReportDocument,
    private readonly t: AnnualReportText,
  ) {}

  draw() {
    const { r, t } = this
    this.heading()
    this.tiles()
    this.section(t.commentary)
    this.paragraph(r.commentary?.text ?? t.noCommentary, r.commentary ? INK : MUTED)
    this.capital()
    if (r.kind === 'portfolio') this.ventures()
    this.keyFigures()
    if (r.kind === 'venture') this.charts()
    this.costs()
    this.sroi()
    this.narrative()
    this.section(t.notes, 40 + 14 * r.notes.length)
    for (const n of r.notes) this.paragraph(`• ${n.text}`, MUTED, 9)
    this.footers()
  }

  // ── primitives ──────────────────────────────────────────────────────────────────────────────
  private ensure(height: number) {
    if (this.y + height <= BOTTOM) return
    this.doc.addPage()
    this.y = PAGE.margin
  }

  private write(
    text: string,
    x: number,
    y: number,
    width: number,
    opts: { font?: string; size?: number; color?: string; align?: Align } = {},
  ) {
    this.doc
      .font(opts.font ?? 'body')
      .fontSize(opts.size ?? 9.5)
      .fillColor(opts.color ?? INK)
      .text(text, x, y, { width, align: opts.align ?? 'left', lineGap: 1 })
  }

  private heightOf(text: string, width: number, size = 9.5, font = 'body') {
    return this.doc.font(font).fontSize(size).heightOfString(text, { width, lineGap: 1 })
  }

  /** A heading keeps at least a few lines of what follows on its page. */
  private section(title: string, keep = 120) {
    this.ensure(keep)
    this.y += 14
    this.write(title, PAGE.margin, this.y, CONTENT, { font: 'bold', size: 13, color: ACCENT })
    this.y += this.heightOf(title, CONTENT, 13, 'bold') + 2
    this.doc
      .moveTo(PAGE.margin, this.y)
      .lineTo(PAGE.margin + CONTENT, this.y)
      .lineWidth(0.6)
      .strokeColor(ACCENT)
      .stroke()
    this.y += 6
  }

  private subheading(title: string) {
    this.ensure(40)
    this.y += 4
    this.write(title, PAGE.margin, this.y, CONTENT, { font: 'bold', size: 10.5 })
    this.y += this.heightOf(title, CONTENT, 10.5, 'bold') + 3
  }

  private paragraph(text: string, color = INK, size = 10) {
    for (const para of text.split(/\n+/)) {
      const h = this.heightOf(para, CONTENT, size)
      this.ensure(Math.min(h, 60))
      this.write(para, PAGE.margin, this.y, CONTENT, { color, size })
      this.y = this.doc.y + 4
    }
  }

  /** A table with a header row repeated on each page; cells wrap. */
  private table(columns: Column[], rows: string[][]) {
    const total = columns.reduce((s, c) => s + c.width, 0)
    const widths = columns.map((c) => (c.width / total) * CONTENT)
    const pad = 3
    const header = () => {
      const h =
        Math.max(...columns.map((c, i) => this.heightOf(c.label, widths[i]! - 2 * pad, 8.5, 'bold'))) +
        2 * pad
      this.ensure(h + 16)
      let x = PAGE.margin
      this.doc.rect(PAGE.margin, this.y, CONTENT, h).fill('#eef2f6')
      columns.forEach((c, i) => {
        this.write(c.label, x + pad, this.y + pad, widths[i]! - 2 * pad, {
          font: 'bold',
          size: 8.5,
          align: c.align ?? 'left',
        })
        x += widths[i]!
      })
      this.y += h
    }
    header()
    for (const row of rows) {
      const h = Math.max(...row.map((cell, i) => this.heightOf(cell, widths[i]! - 2 * pad, 9))) + 2 * pad
      if (this.y + h > BOTTOM) {
        this.doc.addPage()
        this.y = PAGE.margin
        header()
      }
      let x = PAGE.margin
      row.forEach((cell, i) => {
        this.write(cell, x + pad, this.y + pad, widths[i]! - 2 * pad, {
          size: 9,
          align: columns[i]!.align ?? 'left',
        })
        x += widths[i]!
      })
      this.y += h
      this.doc
        .moveTo(PAGE.margin, this.y)
        .lineTo(PAGE.margin + CONTENT, this.y)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke()
    }
    this.y += 6
  }

  // ── sections ────────────────────────────────────────────────────────────────────────────────
  private heading() {
    const { r, t } = this
    this.write('Effekt', PAGE.margin, this.y, CONTENT, { font: 'bold', size: 9, color: ACCENT })
    this.y += 14
    this.write(r.title, PAGE.margin, this.y, CONTENT, { font: 'bold', size: 18 })
    this.y = this.doc.y + 4
    const line = [
      t.subtitle(r.asOf),
      r.investor && r.kind === 'venture' ? `${t.investor}: ${r.investor.name}.` : '',
    ]
      .filter(Boolean)
      .join(' ')
    this.write(line, PAGE.margin, this.y, CONTENT, { color: MUTED, size: 9.5 })
    this.y = this.doc.y + 10
  }

  private tiles() {
    const { r, t } = this
    const lang = r.language
    const people =
      r.peopleReached ??
      r.keyFigures
        .filter((k) => k.unit === 'people' && k.value !== null)
        .reduce((s, k) => s + Number(k.value), 0)
        .toString()
    const sroi = r.kind === 'portfolio' ? (r.portfolioSroi?.ratio ?? null) : (r.sroi[0]?.ratio ?? null)
    const tiles: [string, string][] = [
      [`${t.committed} (${r.year})`, formatNok(r.capital.committedInYear, lang)],
      [`${t.disbursed} (${r.year})`, formatNok(r.capital.disbursedInYear, lang)],
      [`${t.peopleReached} (${r.year})`, formatDecimal(people, lang)],
      [t.sroiRatio, sroi === null ? '–' : formatDecimal(sroi, lang, 2)],
    ]
    const gap = 8
    const w = (CONTENT - gap * 3) / 4
    const h = 52
    tiles.forEach(([label, value], i) => {
      const x = PAGE.margin + i * (w + gap)
      this.doc.roundedRect(x, this.y, w, h, 4).lineWidth(0.8).strokeColor(RULE).stroke()
      this.write(label, x + 6, this.y + 6, w - 12, { size: 8, color: MUTED })
      this.write(value, x + 6, this.y + 26, w - 12, { font: 'bold', size: 13 })
    })
    this.y += h + 4
  }

  private capital() {
    const { r, t } = this
    const lang = r.language
    const c = r.capital
    this.section(t.capital)
    const money = (v: string) => formatNok(v, lang)
    this.table(
      [
        { label: '', width: 3 },
        { label: t.inYear(r.year), width: 2, align: 'right' },
        { label: t.toDate, width: 2, align: 'right' },
      ],
      [
        [t.committed, money(c.committedInYear), money(c.committedToDate)],
        [t.disbursed, money(c.disbursedInYear), money(c.disbursedToDate)],
        [t.undisbursed, '', money(c.undisbursedToDate)],
        [t.repaid, money(c.repaidInYear), ''],
        [t.outstanding, '', money(c.outstandingToDate)],
        [t.outcomePayments, money(c.outcomePaymentsInYear), ''],
        [t.supportHours, formatDecimal(c.supportHoursInYear, lang, 1), ''],
        [t.supportValue, money(c.supportValueInYear), ''],
      ],
    )
  }

  private ventures() {
    const { r, t } = this
    const lang = r.language
    this.section(t.ventures)
    this.table(
      [
        { label: t.venture, width: 3 },
        { label: `${t.committed} ${r.year}`, width: 2, align: 'right' },
        { label: `${t.disbursed} ${r.year}`, width: 2, align: 'right' },
        { label: `${t.disbursed}, ${t.toDate.toLowerCase()}`, width: 2, align: 'right' },
        { label: t.people, width: 1.3, align: 'right' },
        { label: t.sroiRatio, width: 1, align: 'right' },
      ],
      r.ventures.map((v) => [
        v.name,
        formatNok(v.committedInYear, lang),
        formatNok(v.disbursedInYear, lang),
        formatNok(v.disbursedToDate, lang),
        formatDecimal(v.peopleInYear, lang),
        v.sroiRatio === null ? '–' : formatDecimal(v.sroiRatio, lang, 2),
      ]),
    )
  }

  private figure(k: AnnualKeyFigure, value: string | null) {
    const v = formatDecimal(value, this.r.language, k.unit === 'percent' ? 1 : 0)
    return k.smallCount && value === k.value ? `${v} *` : v
  }

  private keyFigures() {
    const { r, t } = this
    this.section(t.keyFigures)
    if (!r.keyFigures.length) return this.paragraph(t.noKeyFigures, MUTED)
    // A portfolio's rows come per venture: one small table under each venture's name.
    const groups = new Map<string, AnnualKeyFigure[]>()
    for (const k of r.keyFigures)
      groups.set(k.ventureName ?? '', [...(groups.get(k.ventureName ?? '') ?? []), k])
    for (const [venture, rows] of groups) {
      if (venture) this.subheading(venture)
      this.table(
        [
          { label: t.indicator, width: 3.8 },
          { label: t.actual, width: 1.5, align: 'right' as const },
          { label: t.baseline, width: 1.9, align: 'right' as const },
          { label: t.target, width: 1.5, align: 'right' as const },
          { label: t.progress, width: 1.6, align: 'right' as const },
          { label: t.status, width: 1.5 },
        ],
        rows.map((k) => [
          `${k.name} (${k.indicatorCode})`,
          this.figure(k, k.value),
          this.figure(k, k.baseline),
          this.figure(k, k.target),
          formatPercentOf(k.progress, r.language),
          k.status ? t.statusName[k.status] : '–',
        ]),
      )
    }
  }

  /** One bar chart per indicator: a bar per period with its value on top, the target as a red tick. */
  private charts() {
    const { r, t } = this
    const charted = r.keyFigures.filter((k) => k.points.some((p) => p.value !== null || p.target !== null))
    const perRow = 2
    const gap = 16
    const w = (CONTENT - gap) / perRow
    const h = 160
    charted.forEach((k, i) => {
      const col = i % perRow
      if (col === 0) this.ensure(h + 10)
      this.chart(k, PAGE.margin + col * (w + gap), this.y, w, h, t)
      if (col === perRow - 1 || i === charted.length - 1) this.y += h + 10
    })
  }

  private chart(k: AnnualKeyFigure, x: number, y: number, w: number, h: number, t: AnnualReportText) {
    const doc = this.doc
    const lang = this.r.language
    this.write(k.name, x, y, w, { font: 'bold', size: 8.5 })
    const legendY = y + this.heightOf(k.name, w, 8.5, 'bold') + 2
    const top = legendY + 22
    const base = y + h - 16
    const numbers = k.points
      .flatMap((p) => [p.value, p.target])
      .filter((v): v is string => v !== null)
      .map(Number)
    const max = Math.max(1, ...numbers) * 1.15
    const slot = w / Math.max(1, k.points.length)
    doc
      .moveTo(x, base)
      .lineTo(x + w, base)
      .lineWidth(0.6)
      .strokeColor(MUTED)
      .stroke()
    k.points.forEach((p, i) => {
      const cx = x + slot * i + slot / 2
      const bw = Math.min(34, slot * 0.55)
      if (p.value !== null) {
        const bh = (Number(p.value) / max) * (base - top)
        doc.rect(cx - bw / 2, base - bh, bw, bh).fill(ACCENT)
        this.write(
          formatDecimal(p.value, lang, k.unit === 'percent' ? 1 : 0),
          cx - slot / 2,
          base - bh - 11,
          slot,
          { size: 7.5, align: 'left' },
        )
      }
      if (p.target !== null) {
        const ty = base - (Number(p.target) / max) * (base - top)
        doc
          .moveTo(cx - bw / 2 - 4, ty)
          .lineTo(cx + bw / 2 + 4, ty)
          .lineWidth(1.6)
          .strokeColor(TARGET)
          .stroke()
      }
      this.write(p.period, cx - slot / 2, base + 3, slot, { size: 7, color: MUTED })
    })
    doc.rect(x, legendY + 2, 8, 6).fill(ACCENT)
    this.write(t.actual, x + 11, legendY, 60, { size: 7, color: MUTED })
    doc
      .moveTo(x + 70, legendY + 5)
      .lineTo(x + 80, legendY + 5)
      .lineWidth(1.6)
      .strokeColor(TARGET)
      .stroke()
    this.write(t.target, x + 83, legendY, 60, { size: 7, color: MUTED })
  }

  private costs() {
    const { r, t } = this
    const lang = r.language
    this.section(t.costPerOutcome)
    this.paragraph(t.costNote, MUTED, 9)
    const c = r.cost
    this.table(
      [
        { label: '', width: 3 },
        { label: t.inYear(r.year), width: 2, align: 'right' },
      ],
      [
        [t.disbursed, formatNok(c.disbursed, lang)],
        [t.otherFunding, formatNok(c.otherFunding, lang)],
        [t.totalCost, formatNok(c.total, lang)],
        ...(r.attributionShare !== null
          ? [[t.attributionShare, formatPercentOf(r.attributionShare, lang)]]
          : []),
      ],
    )
    if (!r.outcomeCosts.length) return
    const portfolio = r.kind === 'portfolio'
    this.table(
      [
        ...(portfolio ? [{ label: t.venture, width: 2.5 }] : []),
        { label: t.indicator, width: 4 },
        { label: t.units, width: 1.3, align: 'right' as const },
        { label: t.costPerUnit, width: 2, align: 'right' as const },
        { label: t.attributedUnits, width: 1.8, align: 'right' as const },
      ],
      r.outcomeCosts.map((o) => [
        ...(portfolio ? [o.ventureName ?? ''] : []),
        `${o.name} (${o.indicatorCode})`,
        formatDecimal(o.units, lang),
        formatNok(o.costPerUnit, lang),
        o.attributedUnits === null ? '–' : formatDecimal(o.attributedUnits, lang, 2),
      ]),
    )
  }

  private sroi() {
    const { r, t } = this
    const lang = r.language
    this.section(t.sroi)
    if (r.kind === 'portfolio') {
      const p = r.portfolioSroi
      if (!p) return this.paragraph(t.noSroi, MUTED)
      this.paragraph(
        `${t.sroiRatio}: ${p.ratio === null ? '–' : formatDecimal(p.ratio, lang, 2)} · ${t.presentValue}: ${formatNok(p.presentValue, lang)} · ${t.inputs}: ${formatNok(p.inputs, lang)}`,
      )
      return this.table(
        [
          { label: t.venture, width: 3 },
          { label: t.sroiRatio, width: 1, align: 'right' },
          { label: t.presentValue, width: 2, align: 'right' },
          { label: t.inputs, width: 2, align: 'right' },
          { label: t.sroiWindow, width: 2.4 },
        ],
        r.sroi.map((s) => [
          s.ventureName ?? '',
          s.ratio === null ? '–' : formatDecimal(s.ratio, lang, 2),
          formatNok(s.presentValue, lang),
          formatNok(s.inputs, lang),
          `${s.window.from ?? t.open} – ${s.window.to ?? t.open}`,
        ]),
      )
    }
    const s = r.sroi[0]
    if (!s) return this.paragraph(t.noSroi, MUTED)
    this.table(
      [
        { label: '', width: 3 },
        { label: '', width: 2, align: 'right' },
      ],
      [
        [t.sroiRatio, s.ratio === null ? '–' : formatDecimal(s.ratio, lang, 2)],
        [t.netSroi, s.netRatio === null ? '–' : formatDecimal(s.netRatio, lang, 2)],
        [t.presentValue, formatNok(s.presentValue, lang)],
        [t.inputs, formatNok(s.inputs, lang)],
        [t.discountRate, s.discountRate === null ? '–' : `${formatDecimal(s.discountRate, lang, 1)} %`],
        [t.sroiWindow, `${s.window.from ?? t.open} – ${s.window.to ?? t.open}`],
      ],
    )
    this.subheading(t.assumptions)
    // One column per indicator (a model has few): the labels read down the first column.
    const pct = (v: string) => `${formatDecimal(v, lang, 1)} %`
    for (let i = 0; i < s.assumptions.length; i += 3) {
      const group = s.assumptions.slice(i, i + 3)
      const row = (label: string, cell: (a: (typeof group)[number]) => string) => [label, ...group.map(cell)]
      this.table(
        [
          { label: t.indicator, width: 2.2 },
          ...group.map((a) => ({
            label: `${a.name} (${a.indicatorCode})`,
            width: 3,
            align: 'right' as const,
          })),
        ],
        [
          row(t.quantity, (a) => formatDecimal(a.quantity, lang)),
          row(t.proxy, (a) => formatNok(a.proxy, lang)),
          row(t.proxySource, (a) => a.proxySource || '–'),
          row(t.deadweight, (a) => pct(a.deadweight)),
          row(t.attribution, (a) => pct(a.attribution)),
          row(t.displacement, (a) => pct(a.displacement)),
          row(t.dropOff, (a) => pct(a.dropOff)),
          row(t.duration, (a) => String(a.durationYears)),
        ],
      )
    }
  }

  private narrative() {
    const { r, t } = this
    this.section(t.narrative)
    if (!r.narrative.length) return this.paragraph(t.noNarrative, MUTED)
    for (const n of r.narrative) {
      this.subheading(r.kind === 'portfolio' ? `${n.ventureName}, ${n.period}` : n.period)
      for (const [label, body] of [
        [t.highlights, n.highlights],
        [t.challenges, n.challenges],
        [t.nextSteps, n.nextSteps],
      ] as const) {
        if (!body) continue
        this.ensure(30)
        this.write(label, PAGE.margin, this.y, CONTENT, { font: 'bold', size: 9, color: MUTED })
        this.y = this.doc.y + 1
        this.paragraph(body)
      }
    }
  }

  private footers() {
    const range = this.doc.bufferedPageRange()
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i)
      const y = PAGE.height - PAGE.margin + 10
      // Writing below the bottom margin would start a new page: lift the margin while we do.
      this.doc.page.margins.bottom = 0
      this.write(`${this.r.title} · ${this.t.page(i + 1, range.count)}`, PAGE.margin, y, CONTENT, {
        size: 7.5,
        color: MUTED,
        align: 'right',
      })
      this.doc.page.margins.bottom = PAGE.margin
    }
  }
}
