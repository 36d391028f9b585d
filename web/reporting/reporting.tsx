import type { ReportSummaryView } from '../../src/modules/outcomes/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import {
  Badge,
  EmptyState,
  KeyFigures,
  PageHeader,
  PostForm,
  ScrollTable,
  Section,
} from '../ui/components.tsx'
import { fieldId, SubmitButton } from '../ui/fields.tsx'
import { Layout } from '../ui/layout.tsx'
import type { View } from '../ui/view.ts'
import { REPORT_STATUS_TONE } from './report-history.tsx'
import { periodLabel, type SharedWith, SharingList } from './reporting-common.tsx'
import type { ReportingAccess } from './reporting-data.ts'

/**
 * The venture's reporting desk (PRODUCT.md §9 Entrepreneur — reporting): what is due and overdue
 * with a way into each report, what has been sent, the CSV upload with its template, and whom the
 * data is shared with.
 */
export interface ImportProblem {
  line: number | null
  column: string | null
  message: string
}

export interface ReportingPageProps {
  v: View
  venture: { id: string; name: string }
  reports: ReportSummaryView[]
  access: ReportingAccess
  sharedWith: SharedWith[] | null
  importProblems?: { summary: string; problems: ImportProblem[] } | undefined
  /** The file field's own problem (none chosen, not text). */
  fileError?: string | undefined
}

const owed = (r: ReportSummaryView) =>
  r.status === 'not_started' || r.status === 'draft' || r.status === 'returned'

function DueCell(props: { v: View; r: ReportSummaryView }) {
  const { v, r } = props
  return (
    <td class="nowrap">
      {v.fmt.date(r.dueDate, 'medium')}{' '}
      {r.overdue ? <Badge tone="danger">{v.t('reports.overdue')}</Badge> : null}
    </td>
  )
}

function OwedTable(props: ReportingPageProps & { items: ReportSummaryView[] }) {
  const { v, venture } = props
  return (
    <ScrollTable id="due-caption" caption={v.t('reporting.dueCaption')} captionHidden>
      <thead>
        <tr>
          <th scope="col">{v.t('reports.col.period')}</th>
          <th scope="col">{v.t('reports.col.status')}</th>
          <th scope="col">{v.t('reports.col.due')}</th>
          <th scope="col">{v.t('reports.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((r) => {
          const label = periodLabel(v, r.period)
          return (
            <tr id={`due-${r.period}`}>
              <th scope="row">{label}</th>
              <td>
                <Badge tone={REPORT_STATUS_TONE[r.status]}>
                  {v.t(`reports.status.${r.status}` as MessageKey)}
                </Badge>
              </td>
              <DueCell v={v} r={r} />
              <td>
                {r.reportId ? (
                  <a class="button button-secondary" href={`/ventures/${venture.id}/reports/${r.reportId}`}>
                    {v.t(r.status === 'returned' ? 'reporting.fix' : 'reporting.continue', {
                      period: label,
                    })}
                  </a>
                ) : props.access.mayWrite ? (
                  <PostForm
                    action={`/ventures/${venture.id}/reports`}
                    label={v.t('reporting.start', { period: label })}
                  >
                    <input type="hidden" name="period" value={r.period} />
                    <SubmitButton
                      label={v.t('reporting.start', { period: label })}
                      busy={v.t('common.busy')}
                      variant="secondary"
                    />
                  </PostForm>
                ) : (
                  <span class="muted">{v.t('reporting.notStartedYet')}</span>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </ScrollTable>
  )
}

/** The newest reports sent; older ones fold away (a venture reporting quarterly for years has many). */
const RECENT = 8

function SentReports(props: ReportingPageProps & { items: ReportSummaryView[] }) {
  const { v } = props
  const older = props.items.slice(RECENT)
  return (
    <>
      <SentTable
        {...props}
        id="sent-caption"
        items={props.items.slice(0, RECENT)}
        caption={v.t('reporting.sentCaption')}
      />
      {older.length ? (
        <details class="revision">
          <summary>{v.t('reporting.older', { count: v.fmt.number(older.length) })}</summary>
          <SentTable {...props} id="older-caption" items={older} caption={v.t('reporting.olderCaption')} />
        </details>
      ) : null}
    </>
  )
}

function SentTable(props: ReportingPageProps & { id: string; items: ReportSummaryView[]; caption: string }) {
  const { v, venture } = props
  return (
    <ScrollTable id={props.id} caption={props.caption} captionHidden class="table-compact">
      <thead>
        <tr>
          <th scope="col">{v.t('reports.col.period')}</th>
          <th scope="col">{v.t('reports.col.status')}</th>
          <th scope="col">{v.t('reporting.col.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((r) => (
          <tr>
            <th scope="row">
              <a href={`/ventures/${venture.id}/reports/${r.reportId}`}>{periodLabel(v, r.period)}</a>
            </th>
            <td>
              <Badge tone={REPORT_STATUS_TONE[r.status]}>
                {v.t(`reports.status.${r.status}` as MessageKey)}
              </Badge>
              {r.revision && r.revision > 1 ? (
                <span class="muted">
                  {' '}
                  {v.t('reporting.revision', { revision: v.fmt.number(r.revision) })}
                </span>
              ) : null}
            </td>
            <td class="nowrap">{r.updatedAt ? v.fmt.dateTime(r.updatedAt) : '–'}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  )
}

function CsvUpload(props: ReportingPageProps) {
  const { v, venture } = props
  const id = fieldId('file')
  const problems = props.importProblems
  return (
    <Section id="upload" title={v.t('reporting.upload')}>
      <p>{v.t('reporting.uploadLead')}</p>
      <p>
        <a class="button button-secondary" href={`/v1/ventures/${venture.id}/reports/template.xlsx`} download>
          {v.t('reporting.templateXlsx')}
        </a>{' '}
        <a
          class="button button-secondary"
          href={`/v1/ventures/${venture.id}/reports/template.csv?decimal=${v.lang === 'nb' ? 'comma' : 'point'}`}
          download
        >
          {v.t('reporting.template')}
        </a>{' '}
        <span class="muted">{v.t('reporting.templateHint')}</span>
      </p>
      {problems ? (
        <div
          class="error-summary"
          role="alert"
          tabindex={-1}
          data-focus-on-load
          aria-labelledby="import-errors-title"
        >
          <h3 id="import-errors-title">{problems.summary}</h3>
          <ul>
            {problems.problems.map((p) => (
              <li>
                {p.line !== null ? (
                  <strong>
                    {v.t('reporting.importAt', { line: String(p.line), column: p.column ?? '' })}{' '}
                  </strong>
                ) : null}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form
        method="post"
        action={`/ventures/${venture.id}/reports/import`}
        enctype="multipart/form-data"
        novalidate
        class="stack"
        aria-label={v.t('reporting.upload')}
      >
        <div class={`field${props.fileError ? ' field-invalid' : ''}`}>
          <label for={id}>{v.t('reporting.file')}</label>
          <p class="field-hint" id={`${id}-hint`}>
            {v.t('reporting.fileHint')}
          </p>
          {props.fileError ? (
            <p class="field-error" id={`${id}-error`}>
              <span class="visually-hidden">{v.t('error.summary')}: </span>
              {props.fileError}
            </p>
          ) : null}
          <input
            id={id}
            name="file"
            type="file"
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            class="input input-l"
            aria-invalid={props.fileError ? 'true' : undefined}
            aria-describedby={`${id}-hint${props.fileError ? ` ${id}-error` : ''}`}
          />
        </div>
        <div class="form-actions">
          <SubmitButton label={v.t('reporting.uploadButton')} busy={v.t('reporting.uploading')} />
        </div>
      </form>
    </Section>
  )
}

export function ReportingPage(props: ReportingPageProps) {
  const { v, venture, reports } = props
  const due = reports.filter(owed)
  const sent = reports.filter((r) => !owed(r))
  const overdue = due.filter((r) => r.overdue).length
  const awaiting = reports.filter((r) => r.status === 'submitted').length
  return (
    <Layout v={v} title={`${v.t('reporting.title')}: ${venture.name}`}>
      <PageHeader
        v={v}
        title={v.t('reporting.title')}
        meta={<span class="org-name">{venture.name}</span>}
        crumbs={[{ href: `/ventures/${venture.id}`, label: venture.name }]}
        lead={v.t('reporting.lead')}
      />
      <KeyFigures
        label={v.t('reporting.figures')}
        figures={[
          { label: v.t('reporting.figure.due'), value: v.fmt.number(due.length) },
          { label: v.t('reporting.figure.overdue'), value: v.fmt.number(overdue) },
          { label: v.t('reporting.figure.awaiting'), value: v.fmt.number(awaiting) },
          {
            label: v.t('reporting.figure.verified'),
            value: v.fmt.number(reports.filter((r) => r.status === 'verified').length),
          },
        ]}
      />
      <Section id="due" title={v.t('reporting.due')}>
        {due.length ? (
          <OwedTable {...props} items={due} />
        ) : (
          <EmptyState title={v.t('reporting.upToDate.title')} body={v.t('reporting.upToDate.body')} />
        )}
      </Section>
      {props.access.mayWrite ? <CsvUpload {...props} /> : null}
      <Section id="sent" title={v.t('reporting.sent')}>
        {sent.length ? (
          <SentReports {...props} items={sent} />
        ) : (
          <p class="muted">{v.t('reporting.sentNone')}</p>
        )}
      </Section>
      {props.sharedWith ? (
        <Section id="sharing" title={v.t('reporting.sharing')}>
          <SharingList v={v} items={props.sharedWith} />
        </Section>
      ) : null}
    </Layout>
  )
}
