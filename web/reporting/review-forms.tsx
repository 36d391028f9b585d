import { PostForm } from '../ui/components.tsx'
import { SubmitButton } from '../ui/fields.tsx'
import type { View } from '../ui/view.ts'
import { ReasonForm } from './reason-form.tsx'

/**
 * Verify, or return with a reason: the review of a submitted report, on the venture page's report
 * list and on the report's own page (`back` brings the reviewer back there). The report workflow
 * decides who may do either; the forms are shown to those it would allow.
 */
export function ReviewForms(props: {
  v: View
  ventureId: string
  reportId: string
  /** The period as people read it. */
  period: string
  error?: string | undefined
  back?: 'report' | undefined
}) {
  const { v, reportId, period } = props
  const base = `/ventures/${props.ventureId}/reports/${reportId}`
  return (
    <div class="review-actions">
      <PostForm action={`${base}/verify`} label={`${v.t('reports.verify')} ${period}`}>
        {props.back ? <input type="hidden" name="back" value={props.back} /> : null}
        <SubmitButton label={v.t('reports.verify')} busy={v.t('common.busy')} />
      </PostForm>
      <ReasonForm
        v={v}
        action={`${base}/return`}
        name={`reason-${reportId}`}
        formLabel={`${v.t('reports.return')} ${period}`}
        fieldLabel={v.t('reports.reason', { period })}
        button={v.t('reports.return')}
        error={props.error}
        back={props.back}
      />
    </div>
  )
}
