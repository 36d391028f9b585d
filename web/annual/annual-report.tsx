import type { Child } from 'hono/jsx'
import type { AnnualKeyFigure, AnnualReportDocument } from '../../src/domain/annual-report.ts'
import { annualReportText } from '../../src/domain/annual-report-text.ts'
import { Chart } from '../ui/chart.tsx'
import type { ChartSpec } from '../ui/chart-spec.ts'
import { KeyFigures, PostForm } from '../ui/components.tsx'
import { Layout } from '../ui/layout.tsx'
import type { View } from '../ui/view.ts'

/**
 * The annual impact report as a print-ready page: the same document the PDF draws, laid out for
 * a screen and, through the print style sheet, for paper (menus, forms and the year picker are
 * left out; tables stay whole where they can). Every chart has its table.
 */
export interface AnnualPageProps {
  v: View
  report: AnnualReportDocument
  /** The page's own address without a query (the year form submits to it). */
  action: string
  pdfHref: string
  years: number[]
  /** Where the investor's commentary form posts; null when the caller may not write it. */
  commentaryAction: string | null
  commentaryText: string
}

function Table(props: { v: View; title: string; head: Child[]; rows: Child[][]; numeric?: boolean[] }) {
  const num = (i: number) => (props.numeric?.[i] ? 'num' : undefined)
  return (
    <section
      class="table-wrap"
      tabindex={0}
      aria-label={props.v.t('annual.tableRegion', { title: props.title })}
    >
      <table class="table table-compact">
        <caption class="visually-hidden">{props.title}</caption>
        <thead>
          <tr>
            {props.head.map((h, i) => (
              <th scope="col" class={num(i)}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {row.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td class={num(i)}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function Block(props: { id: string; title: string; children: Child }) {
  return (
    <section class="panel annual-section" aria-labelledby={`${props.id}-title`} id={props.id}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  )
}

const chartSpec = (
  k: AnnualKeyFigure,
  r: AnnualReportDocument,
  t: ReturnType<typeof annualReportText>,
): ChartSpec => ({
  kind: 'bar',
  labels: k.points.map((p) => p.period),
  series: [
    { label: t.actual, values: k.points.map((p) => p.value) },
    { label: t.target, values: k.points.map((p) => p.target), role: 'target' },
  ],
  unit: k.unit === 'percent' ? { style: 'number', decimals: 1 } : { style: 'number', decimals: 0 },
  lang: r.language,
})

export function AnnualReportPage(props: AnnualPageProps) {
  const { v, report: r } = props
  const t = annualReportText(r.language)
  const f = v.fmt
  const nok = (x: string | null) => (x === null ? '–' : f.money(x))
  const n = (x: string | null, d = 0) => (x === null ? '–' : f.number(x, d))
  const pct = (x: string | null) => (x === null ? '–' : f.percent(x, 0))
  const star = (k: AnnualKeyFigure, x: string | null, d = 0) =>
    k.smallCount && x === k.value ? `${n(x, d)} *` : n(x, d)
  const decimals = (k: { unit: string }) => (k.unit === 'percent' ? 1 : 0)
  const portfolio = r.kind === 'portfolio'
  const sroi = portfolio ? (r.portfolioSroi?.ratio ?? null) : (r.sroi[0]?.ratio ?? null)
  const charted = r.keyFigures.filter((k) => k.points.some((p) => p.value !== null || p.target !== null))
  return (
    <Layout v={v} title={r.title} charts={charted.length > 0}>
      <div class="annual-toolbar no-print">
        <form method="get" action={props.action} class="inline-form" aria-label={v.t('annual.choose')}>
          <label for="annual-year">{v.t('annual.year')}</label>{' '}
          <select id="annual-year" name="year">
            {props.years.map((y) => (
              <option value={String(y)} selected={y === r.year}>
                {y}
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="button button-secondary">
            {v.t('annual.show')}
          </button>
        </form>
        <a class="button" href={props.pdfHref} download>
          {v.t('annual.pdf')}
        </a>
        <p class="muted">{v.t('annual.printHint')}</p>
      </div>
      <article class="annual-report" lang={r.language}>
        <header class="page-header">
          <h1>{r.title}</h1>
          <p class="lead">
            {t.subtitle(f.date(r.asOf))}
            {r.investor && !portfolio ? ` ${t.investor}: ${r.investor.name}.` : ''}
          </p>
        </header>
        <KeyFigures
          label={t.summary}
          figures={[
            { label: `${t.committed} (${r.year})`, value: nok(r.capital.committedInYear) },
            { label: `${t.disbursed} (${r.year})`, value: nok(r.capital.disbursedInYear) },
            { label: `${t.peopleReached} (${r.year})`, value: n(r.peopleReached) },
            { label: t.sroiRatio, value: sroi === null ? '–' : f.number(sroi, 2) },
          ]}
        />
        <Block id="commentary" title={t.commentary}>
          {r.commentary ? (
            r.commentary.text.split(/\n+/).map((p) => <p>{p}</p>)
          ) : (
            <p class="muted">{t.noCommentary}</p>
          )}
          {props.commentaryAction ? (
            <PostForm action={props.commentaryAction} class="no-print stack" label={t.commentary}>
              <input type="hidden" name="year" value={String(r.year)} />
              <label for="commentary-text">{v.t('annual.commentaryLabel', { year: r.year })}</label>
              <p class="hint" id="commentary-hint">
                {v.t('annual.commentaryHint')}
              </p>
              <textarea
                id="commentary-text"
                name="text"
                rows={5}
                maxlength={8000}
                aria-describedby="commentary-hint"
              >
                {props.commentaryText}
              </textarea>
              <div>
                <button type="submit" class="button">
                  {v.t('annual.commentarySave')}
                </button>
              </div>
            </PostForm>
          ) : null}
        </Block>
        <Block id="capital" title={t.capital}>
          <Table
            v={v}
            title={t.capital}
            head={[t.item, t.inYear(r.year), t.toDate]}
            numeric={[false, true, true]}
            rows={[
              [t.committed, nok(r.capital.committedInYear), nok(r.capital.committedToDate)],
              [t.disbursed, nok(r.capital.disbursedInYear), nok(r.capital.disbursedToDate)],
              [t.undisbursed, '', nok(r.capital.undisbursedToDate)],
              [t.repaid, nok(r.capital.repaidInYear), ''],
              [t.outstanding, '', nok(r.capital.outstandingToDate)],
              [t.outcomePayments, nok(r.capital.outcomePaymentsInYear), ''],
              [t.supportHours, n(r.capital.supportHoursInYear, 1), ''],
              [t.supportValue, nok(r.capital.supportValueInYear), ''],
            ]}
          />
        </Block>
        {portfolio ? (
          <Block id="ventures" title={t.ventures}>
            <Table
              v={v}
              title={t.ventures}
              head={[
                t.venture,
                `${t.committed} ${r.year}`,
                `${t.disbursed} ${r.year}`,
                `${t.disbursed}, ${t.toDate.toLowerCase()}`,
                t.people,
                t.sroiRatio,
              ]}
              numeric={[false, true, true, true, true, true]}
              rows={r.ventures.map((x) => [
                x.name,
                nok(x.committedInYear),
                nok(x.disbursedInYear),
                nok(x.disbursedToDate),
                n(x.peopleInYear),
                x.sroiRatio === null ? '–' : f.number(x.sroiRatio, 2),
              ])}
            />
          </Block>
        ) : null}
        <Block id="key-figures" title={t.keyFigures}>
          {r.keyFigures.length ? (
            <Table
              v={v}
              title={t.keyFigures}
              head={[
                ...(portfolio ? [t.venture] : []),
                t.indicator,
                t.actual,
                t.baseline,
                t.target,
                t.progress,
                t.status,
              ]}
              numeric={[...(portfolio ? [false] : []), false, true, true, true, true, false]}
              rows={r.keyFigures.map((k) => [
                ...(portfolio ? [k.ventureName ?? ''] : []),
                `${k.name} (${k.indicatorCode})`,
                star(k, k.value, decimals(k)),
                star(k, k.baseline, decimals(k)),
                star(k, k.target, decimals(k)),
                pct(k.progress),
                k.status ? t.statusName[k.status] : '–',
              ])}
            />
          ) : (
            <p class="muted">{t.noKeyFigures}</p>
          )}
          <div class="annual-charts">
            {charted.map((k, i) => (
              <Chart
                v={v}
                id={`annual-chart-${i}`}
                title={t.chartTitle(k.name)}
                labelHeader={t.period}
                spec={chartSpec(k, r, t)}
              />
            ))}
          </div>
        </Block>
        <Block id="cost" title={t.costPerOutcome}>
          <p class="section-lead">{t.costNote}</p>
          <Table
            v={v}
            title={t.costPerOutcome}
            head={[t.item, t.inYear(r.year)]}
            numeric={[false, true]}
            rows={[
              [t.disbursed, nok(r.cost.disbursed)],
              [t.otherFunding, nok(r.cost.otherFunding)],
              [t.totalCost, nok(r.cost.total)],
              ...(r.attributionShare !== null
                ? [[t.attributionShare, f.percent(r.attributionShare, 0)]]
                : []),
            ]}
          />
          {r.outcomeCosts.length ? (
            <Table
              v={v}
              title={`${t.costPerOutcome}: ${t.indicator}`}
              head={[
                ...(portfolio ? [t.venture] : []),
                t.indicator,
                t.units,
                t.costPerUnit,
                t.attributedUnits,
              ]}
              numeric={[...(portfolio ? [false] : []), false, true, true, true]}
              rows={r.outcomeCosts.map((o) => [
                ...(portfolio ? [o.ventureName ?? ''] : []),
                `${o.name} (${o.indicatorCode})`,
                n(o.units),
                nok(o.costPerUnit),
                n(o.attributedUnits, 2),
              ])}
            />
          ) : null}
        </Block>
        <Block id="sroi" title={t.sroi}>
          {r.sroi.length === 0 ? <p class="muted">{t.noSroi}</p> : null}
          {portfolio && r.portfolioSroi ? (
            <p>
              {t.sroiRatio}: {r.portfolioSroi.ratio === null ? '–' : f.number(r.portfolioSroi.ratio, 2)} ·{' '}
              {t.presentValue}: {nok(r.portfolioSroi.presentValue)} · {t.inputs}:{' '}
              {nok(r.portfolioSroi.inputs)}
            </p>
          ) : null}
          {portfolio && r.sroi.length ? (
            <Table
              v={v}
              title={t.sroi}
              head={[t.venture, t.sroiRatio, t.presentValue, t.inputs, t.sroiWindow]}
              numeric={[false, true, true, true, false]}
              rows={r.sroi.map((s) => [
                s.ventureName ?? '',
                s.ratio === null ? '–' : f.number(s.ratio, 2),
                nok(s.presentValue),
                nok(s.inputs),
                `${s.window.from ?? t.open} – ${s.window.to ?? t.open}`,
              ])}
            />
          ) : null}
          {!portfolio && r.sroi[0]
            ? [r.sroi[0]].map((s) => (
                <>
                  <Table
                    v={v}
                    title={t.sroi}
                    head={[t.item, t.value]}
                    numeric={[false, true]}
                    rows={[
                      [t.sroiRatio, s.ratio === null ? '–' : f.number(s.ratio, 2)],
                      [t.netSroi, s.netRatio === null ? '–' : f.number(s.netRatio, 2)],
                      [t.presentValue, nok(s.presentValue)],
                      [t.inputs, nok(s.inputs)],
                      [t.discountRate, s.discountRate === null ? '–' : `${f.number(s.discountRate, 1)} %`],
                      [t.sroiWindow, `${s.window.from ?? t.open} – ${s.window.to ?? t.open}`],
                    ]}
                  />
                  <h3>{t.assumptions}</h3>
                  <Table
                    v={v}
                    title={t.assumptions}
                    head={[
                      t.indicator,
                      t.quantity,
                      t.proxy,
                      t.proxySource,
                      t.deadweight,
                      t.attribution,
                      t.displacement,
                      t.dropOff,
                      t.duration,
                    ]}
                    numeric={[false, true, true, false, true, true, true, true, true]}
                    rows={s.assumptions.map((a) => [
                      `${a.name} (${a.indicatorCode})`,
                      n(a.quantity),
                      nok(a.proxy),
                      a.proxySource || '–',
                      `${f.number(a.deadweight, 1)} %`,
                      `${f.number(a.attribution, 1)} %`,
                      `${f.number(a.displacement, 1)} %`,
                      `${f.number(a.dropOff, 1)} %`,
                      String(a.durationYears),
                    ])}
                  />
                </>
              ))
            : null}
        </Block>
        <Block id="narrative" title={t.narrative}>
          {r.narrative.length === 0 ? <p class="muted">{t.noNarrative}</p> : null}
          {r.narrative.map((x) => (
            <article class="annual-story">
              <h3>{portfolio ? `${x.ventureName}, ${x.period}` : x.period}</h3>
              <dl>
                {(
                  [
                    [t.highlights, x.highlights],
                    [t.challenges, x.challenges],
                    [t.nextSteps, x.nextSteps],
                  ] as const
                )
                  .filter(([, body]) => body)
                  .map(([label, body]) => (
                    <>
                      <dt>{label}</dt>
                      <dd>{body}</dd>
                    </>
                  ))}
              </dl>
            </article>
          ))}
        </Block>
        <Block id="notes" title={t.notes}>
          <ul>
            {r.notes.map((x) => (
              <li>{x.text}</li>
            ))}
          </ul>
        </Block>
      </article>
    </Layout>
  )
}
