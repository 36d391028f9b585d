import type { JSX } from 'hono/jsx/jsx-runtime'
import type { MessageKey } from '../i18n/index.ts'
import { Badge, PageHeader, Section, Tags, VentureStatusBadge } from '../ui/components.tsx'
import { formatOrgNumber } from '../ui/format.ts'
import { Layout } from '../ui/layout.tsx'
import type { Section as PageSection } from '../ui/sections.ts'
import { municipalityLabel } from '../ui/ventures-data.ts'
import type { View } from '../ui/view.ts'
import { investmentsSection, supportSection } from './venture-capital.tsx'
import { ventureEconomicsSection } from './venture-economics.tsx'
import type { VentureInput } from './venture-input.ts'
import { outcomesSection, reportsSection } from './venture-outcomes.tsx'
import { sroiSection } from './venture-sroi.tsx'

function Fact(props: { label: string; children: JSX.Element | string }) {
  return (
    <div class="fact">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  )
}

const profile: PageSection<VentureInput> = async (_ctx, v, { venture }) => (
  <Section id="profile" title={v.t('venture.profile')}>
    <div class="profile-grid">
      <div class="prose">
        <h3>{v.t('field.description')}</h3>
        {venture.description ? (
          <p>{venture.description}</p>
        ) : (
          <p class="muted">{v.t('venture.noDescription')}</p>
        )}
        <h3>{v.t('field.theoryOfChange')}</h3>
        {venture.theoryOfChange ? (
          <p>{venture.theoryOfChange}</p>
        ) : (
          <p class="muted">{v.t('venture.noTheory')}</p>
        )}
      </div>
      <dl class="facts" aria-label={v.t('venture.facts')}>
        <Fact label={v.t('field.orgNumber')}>
          {venture.orgNumber ? formatOrgNumber(venture.orgNumber) : '–'}
        </Fact>
        <Fact label={v.t('field.founded')}>
          {venture.founded ? v.fmt.date(venture.founded) : v.t('common.notSet')}
        </Fact>
        <Fact label={v.t('field.status')}>
          <VentureStatusBadge v={v} status={venture.status} />
        </Fact>
        <Fact label={v.t('field.depthOfChange')}>
          {venture.depthOfChange ? v.t(`depth.${venture.depthOfChange}` as MessageKey) : v.t('common.notSet')}
        </Fact>
        <Fact label={v.t('field.website')}>
          {venture.website ? (
            <a href={venture.website} rel="noopener noreferrer">
              {venture.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
            </a>
          ) : (
            v.t('common.notSet')
          )}
        </Fact>
        <Fact label={v.t('field.publishOpenData')}>
          {venture.publishOpenData ? v.t('venture.openData.yes') : v.t('venture.openData.no')}
        </Fact>
      </dl>
    </div>
  </Section>
)

const focus: PageSection<VentureInput> = async (_ctx, v, { venture }) => (
  <Section id="focus" title={v.t('edit.focus')}>
    <div class="focus-grid">
      <div>
        <h3>{v.t('field.themes')}</h3>
        <Tags
          items={venture.themes.map((t) => v.t(`theme.${t}` as MessageKey))}
          empty={v.t('venture.noThemes')}
        />
      </div>
      <div>
        <h3>{v.t('field.municipalities')}</h3>
        {venture.municipalities.length ? (
          <ul class="plain-list">
            {venture.municipalities.map((code) => (
              <li>
                {municipalityLabel(code)} <span class="muted">{code}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{v.t('venture.noMunicipalities')}</p>
        )}
      </div>
      <div>
        <h3>{v.t('field.sdgGoals')}</h3>
        {venture.sdgGoals.length ? (
          <ul class="sdg-list">
            {[...venture.sdgGoals]
              .sort((a, b) => a - b)
              .map((n) => (
                <li>
                  <span class="sdg-number" aria-hidden="true">
                    {n}
                  </span>
                  <span>
                    <span class="visually-hidden">{v.t('venture.sdgNumber', { number: n })}: </span>
                    {v.t(`sdg.${n}` as MessageKey)}
                  </span>
                </li>
              ))}
          </ul>
        ) : (
          <p class="muted">{v.t('venture.noSdgs')}</p>
        )}
      </div>
    </div>
  </Section>
)

/**
 * The venture page, top to bottom. Each section asks its own service, which applies the venture
 * policy; a section the caller may not see is left out.
 */
export const VENTURE_SECTIONS: PageSection<VentureInput>[] = [
  profile,
  focus,
  investmentsSection,
  supportSection,
  outcomesSection,
  reportsSection,
  ventureEconomicsSection,
  sroiSection,
]

export function VenturePage(props: {
  v: View
  input: VentureInput
  mayEdit: boolean
  sections: JSX.Element[]
}) {
  const { v, input } = props
  const { venture } = input
  return (
    <Layout v={v} title={venture.name}>
      <PageHeader
        v={v}
        title={venture.name}
        crumbs={[{ href: '/ventures', label: v.t('nav.ventures') }]}
        meta={
          <>
            <VentureStatusBadge v={v} status={venture.status} />
            <span class="meta-item">
              {v.t('venture.access')}: <Badge>{v.t(`venture.access.${input.access}` as MessageKey)}</Badge>
            </span>
          </>
        }
        actions={
          <>
            {input.access === 'profile' ? null : (
              <a class="button button-secondary" href={`/ventures/${venture.id}/annual-report`}>
                {v.t('annual.link')}
              </a>
            )}
            {props.mayEdit ? (
              <a class="button button-primary" href={`/ventures/${venture.id}/edit`}>
                {v.t('venture.edit')}
              </a>
            ) : null}
          </>
        }
      />
      {props.sections}
    </Layout>
  )
}
