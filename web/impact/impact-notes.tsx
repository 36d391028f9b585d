import type { ImpactView } from '../../src/modules/impact/index.ts'
import { Section } from '../ui/components.tsx'
import type { View } from '../ui/view.ts'
import { suppressedText } from './impact-cells.tsx'

/** A municipality organization and whether it publishes its open-data view, from the impact service. */
export interface OpenDataInfo {
  organization: string
  published: boolean
  links: { municipality: string; json: string; csv: string; xlsx: string }[]
}

/**
 * What the markers in the tables mean, with the threshold this view was protected with. Plain
 * words on the page itself: nothing depends on hovering over a marker.
 */
export function SuppressionLegend(props: { v: View; threshold: number }) {
  const { v, threshold } = props
  return (
    <Section id="impact-legend" title={v.t('impact.legend.title')}>
      <p>{v.t('impact.legend.lead')}</p>
      <dl class="impact-legend">
        <div>
          <dt>
            <span class="suppressed suppressed-disclosure-control">
              {suppressedText(v, 'disclosure-control')}
            </span>
          </dt>
          <dd>
            {v.t('impact.legend.disclosureControl', {
              max: String(threshold - 1),
              threshold: String(threshold),
            })}
          </dd>
        </div>
        <div>
          <dt>
            <span class="suppressed suppressed-secondary">{suppressedText(v, 'secondary')}</span>
          </dt>
          <dd>{v.t('impact.legend.secondary')}</dd>
        </div>
        <div>
          <dt>
            <span class="suppressed suppressed-few-ventures">{suppressedText(v, 'few-ventures')}</span>
          </dt>
          <dd>{v.t('impact.legend.fewVentures')}</dd>
        </div>
        <div>
          <dt>–</dt>
          <dd>{v.t('impact.legend.dash')}</dd>
        </div>
      </dl>
    </Section>
  )
}

/**
 * The view's caveats in the page's language. The service words two of them for API readers (null
 * values, a field name); the page says the same in its own words, and the legend above already
 * covers disclosure control.
 */
export function Caveats(props: { v: View; view: ImpactView }) {
  const { v, view } = props
  const items = view.caveats.flatMap((c) => {
    if (c.code === 'disclosure-control') return []
    if (c.code === 'unverified') return [v.t('impact.caveat.unverified')]
    return [v.lang === 'nb' ? c.nb : c.en]
  })
  return (
    <Section id="impact-caveats" title={v.t('impact.caveats.title')}>
      <ul class="impact-caveats">
        {items.map((text) => (
          <li>{text}</li>
        ))}
      </ul>
    </Section>
  )
}

/** Who the figures come from: as many ventures as the service tells, and whose shares count. */
export function Contributors(props: { v: View; view: ImpactView }) {
  const { v, view } = props
  const orgs = view.organizations.map((o) => o.name).join(', ')
  const member = !v.principal?.isPlatformAdmin
  return (
    <Section id="impact-ventures" title={v.t('impact.ventures.title')}>
      {view.ventureCount === null ? (
        <p>{v.t('impact.ventures.national')}</p>
      ) : (
        <p>
          {v.tn('impact.ventures.count', view.ventureCount, v.fmt.number(view.ventureCount, 0), { orgs })}
        </p>
      )}
      <p>{v.t('impact.ventures.perFigure')}</p>
      {member && view.ventureCount ? (
        <p>
          <a href="/ventures">{v.t('impact.ventures.list')}</a>
        </p>
      ) : null}
    </Section>
  )
}

/** The public open-data files when the municipality publishes them; otherwise it says so. */
export function OpenData(props: { v: View; view: ImpactView; openData: OpenDataInfo[] }) {
  const { v, view, openData } = props
  const published = openData.filter((o) => o.published)
  const place = view.place
  return (
    <Section id="impact-open-data" title={v.t('impact.openData.title')}>
      {!place ? (
        <p>{v.t('impact.openData.national')}</p>
      ) : published.length ? (
        <>
          <p>
            {v.t('impact.openData.published', {
              orgs: published.map((o) => o.organization).join(', '),
            })}
          </p>
          <ul class="impact-links">
            {published.flatMap((o) =>
              o.links.map((l) => (
                <>
                  <li>
                    <a href={l.csv}>{v.t('impact.openData.csv', { code: l.municipality })}</a>{' '}
                    <code>{l.csv}</code>
                  </li>
                  <li>
                    <a href={l.xlsx}>{v.t('impact.openData.xlsx', { code: l.municipality })}</a>{' '}
                    <code>{l.xlsx}</code>
                  </li>
                  <li>
                    <a href={l.json}>{v.t('impact.openData.json', { code: l.municipality })}</a>{' '}
                    <code>{l.json}</code>
                  </li>
                </>
              )),
            )}
          </ul>
          <p class="field-hint">{v.t('impact.openData.difference')}</p>
        </>
      ) : (
        <p>
          {v.t('impact.openData.notPublished', {
            orgs: openData.map((o) => o.organization).join(', ') || place.name,
          })}
        </p>
      )}
    </Section>
  )
}
