import type { ReportView } from '../../src/modules/outcomes/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { Badge, Notice, PageHeader, Section } from '../ui/components.tsx'
import { ErrorSummary, type FieldErrors, SubmitButton, TextArea } from '../ui/fields.tsx'
import { Layout } from '../ui/layout.tsx'
import type { View } from '../ui/view.ts'
import { ReasonForm } from './reason-form.tsx'
import { IndicatorFields } from './report-fields.tsx'
import type { FormIndicator, FormValues } from './report-form.ts'
import { REPORT_STATUS_TONE, ReportHistory, ValuesTable } from './report-history.tsx'
import { periodLabel, type SharedWith, SharingList } from './reporting-common.tsx'
import { ReviewForms } from './review-forms.tsx'

/**
 * One report (PRODUCT.md §9 Entrepreneur — reporting): the venture's editors fill in a draft or a
 * returned report and save or submit it; everyone who may see the report reads its values and
 * history; reviewers verify or return a submitted one; a verified one can be amended.
 */
export interface ReportPageProps {
  v: View
  venture: { id: string; name: string }
  view: ReportView
  mayWrite: boolean
  mayReview: boolean
  indicators: FormIndicator[]
  values: FormValues
  errors?: FieldErrors | undefined
  /** Problems that belong to no one field (the period has not ended). */
  formErrors?: string[] | undefined
  /** The form came back because someone else saved the report meanwhile. */
  conflict?: boolean | undefined
  /** Saved, but not submitted: shown with the errors that stopped the submission. */
  savedNotSubmitted?: boolean | undefined
  version: number
  reasonError?: { action: 'amend' | 'return'; message: string } | undefined
  sharedWith: SharedWith[] | null
}

const editable = (status: ReportView['report']['status']) => status === 'draft' || status === 'returned'

function ReportForm(props: ReportPageProps) {
  const { v, view, venture } = props
  const errors = props.errors ?? {}
  const byCode = new Map(view.expected.map((e) => [e.indicator.code, e.indicator]))
  const action = `/ventures/${venture.id}/reports/${view.report.id}`
  return (
    <>
      <ErrorSummary v={v} errors={errors} extra={props.formErrors} />
      <form method="post" action={action} novalidate class="stack form-wide" id="report-form">
        <input type="hidden" name="version" value={String(props.version)} />
        <Section id="values" title={v.t('reporting.valuesHeading')}>
          <p class="lead-small">{v.t('reporting.formLead')}</p>
          <div class="stack">
            {props.indicators.map((ind) => (
              <IndicatorFields
                v={v}
                ind={ind}
                indicator={byCode.get(ind.code)!}
                values={props.values}
                errors={errors}
              />
            ))}
          </div>
        </Section>
        <Section id="narrative" title={v.t('reporting.narrative')}>
          <div class="form-grid">
            {(['highlights', 'challenges', 'nextSteps'] as const).map((n) => (
              <TextArea
                v={v}
                name={n}
                label={`${v.t(`reporting.${n}` as MessageKey)} ${v.t('common.optional')}`}
                value={props.values[n] ?? ''}
                rows={3}
                error={errors[n]}
              />
            ))}
          </div>
        </Section>
        <div class="form-actions">
          <SubmitButton
            label={v.t('reporting.submit')}
            busy={v.t('reporting.submitting')}
            name="intent"
            value="submit"
          />
          <SubmitButton
            label={v.t('reporting.saveDraft')}
            busy={v.t('common.saving')}
            variant="secondary"
            name="intent"
            value="save"
          />
        </div>
        <p class="field-hint">{v.t('reporting.submitHint')}</p>
      </form>
    </>
  )
}

function Review(props: ReportPageProps) {
  const { v, view, venture } = props
  return (
    <Section id="review" title={v.t('reporting.review')}>
      <p>{v.t('reporting.reviewLead')}</p>
      <ReviewForms
        v={v}
        ventureId={venture.id}
        reportId={view.report.id}
        period={periodLabel(v, view.report.period)}
        error={props.reasonError?.action === 'return' ? props.reasonError.message : undefined}
        back="report"
      />
    </Section>
  )
}

/** The latest return of the current revision, whose reason the venture must act on. */
const returnReason = (view: ReportView) =>
  [...view.transitions].reverse().find((t) => t.action === 'return' && t.revision === view.report.revision)
    ?.reason ?? null

export function ReportPage(props: ReportPageProps) {
  const { v, view, venture } = props
  const { report } = view
  const period = periodLabel(v, report.period)
  const canEdit = props.mayWrite && editable(report.status)
  const reason = report.status === 'returned' ? returnReason(view) : null
  const revision = view.revisions.find((r) => r.revision === report.revision)
  return (
    <Layout v={v} title={`${v.t('reporting.reportTitle', { period })}: ${venture.name}`}>
      <PageHeader
        v={v}
        title={v.t('reporting.reportTitle', { period })}
        crumbs={[
          { href: `/ventures/${venture.id}`, label: venture.name },
          { href: `/ventures/${venture.id}/reports`, label: v.t('reporting.title') },
        ]}
        meta={
          <>
            <Badge tone={REPORT_STATUS_TONE[report.status]}>
              {v.t(`reports.status.${report.status}` as MessageKey)}
            </Badge>{' '}
            <span>{v.t('reporting.dueOn', { date: v.fmt.date(view.dueDate, 'medium') })}</span>{' '}
            {view.overdue ? <Badge tone="danger">{v.t('reports.overdue')}</Badge> : null}{' '}
            {report.revision > 1 ? (
              <span class="muted">
                {v.t('reporting.revision', { revision: v.fmt.number(report.revision) })}
              </span>
            ) : null}
          </>
        }
        lead={canEdit ? v.t('reporting.reportLead') : undefined}
      />
      {props.conflict ? <Notice tone="error">{v.t('reporting.conflict')}</Notice> : null}
      {props.savedNotSubmitted ? <Notice tone="info">{v.t('reporting.savedNotSubmitted')}</Notice> : null}
      {reason !== null ? (
        <Notice tone="info">
          <strong>{v.t('reporting.returnedBecause')}</strong> {reason}
        </Notice>
      ) : null}
      {report.status === 'submitted' ? <Notice tone="info">{v.t('reporting.awaitingReview')}</Notice> : null}
      {canEdit ? (
        <ReportForm {...props} />
      ) : (
        <Section id="values" title={v.t('reporting.valuesHeading')}>
          <ValuesTable
            v={v}
            id="values-caption"
            caption={v.t('reporting.valuesCaption', { period })}
            values={view.values}
            expected={view.expected}
          />
          {revision && (revision.highlights || revision.challenges || revision.nextSteps) ? (
            <dl class="narrative">
              {(['highlights', 'challenges', 'nextSteps'] as const).map((n) =>
                revision[n] ? (
                  <>
                    <dt>{v.t(`reporting.${n}` as MessageKey)}</dt>
                    <dd>{revision[n]}</dd>
                  </>
                ) : null,
              )}
            </dl>
          ) : null}
        </Section>
      )}
      {props.mayReview && report.status === 'submitted' ? <Review {...props} /> : null}
      {props.mayWrite && report.status === 'verified' ? (
        <Section id="amend" title={v.t('reporting.amend.title')}>
          <p>{v.t('reporting.amend.lead')}</p>
          <ReasonForm
            v={v}
            action={`/ventures/${venture.id}/reports/${report.id}/amend`}
            name="amend-reason"
            formLabel={v.t('reporting.amend.label')}
            fieldLabel={v.t('reporting.amend.reason', { period })}
            button={v.t('reporting.amend.button')}
            error={props.reasonError?.action === 'amend' ? props.reasonError.message : undefined}
            back="report"
          />
        </Section>
      ) : null}
      <ReportHistory v={v} view={view} />
      {props.sharedWith ? (
        <Section id="sharing" title={v.t('reporting.sharing')}>
          <SharingList v={v} items={props.sharedWith} />
        </Section>
      ) : null}
    </Layout>
  )
}
