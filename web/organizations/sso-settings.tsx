import { Badge, EmptyState, Notice, PageHeader, PostForm, Section } from '../ui/components.tsx'
import { Checkbox, ErrorSummary, type FieldErrors, SubmitButton, TextField } from '../ui/fields.tsx'
import { Layout } from '../ui/layout.tsx'
import type { View } from '../ui/view.ts'

export interface SsoSettingsView {
  configured: boolean
  issuer: string | null
  clientId: string | null
  clientSecretSet: boolean
  enabled: boolean
  redirectUri: string
  startUrl: string
  domains: { domain: string; verified: boolean; txtRecord: { name: string; value: string } }[]
}

export interface SsoFormValues {
  issuer: string
  clientId: string
  enabled: boolean
}

/** An organization admin's single sign-on: the provider, and the email domains with their proof. */
export function SsoSettingsPage(props: {
  v: View
  org: { id: string; name: string }
  settings: SsoSettingsView
  values?: SsoFormValues
  errors?: FieldErrors
  domainValue?: string
  domainErrors?: FieldErrors
  /** A refusal from the last action (a missing TXT record, a domain taken), in the page's language. */
  notice?: string
}) {
  const { v, org, settings: s } = props
  const errors = props.errors ?? {}
  const domainErrors = props.domainErrors ?? {}
  const values = props.values ?? {
    issuer: s.issuer ?? '',
    clientId: s.clientId ?? '',
    enabled: s.enabled || !s.configured,
  }
  const base = `/organizations/${org.id}/sso`
  const platformAdmin = v.principal?.isPlatformAdmin ?? false
  return (
    <Layout v={v} title={`${v.t('sso.settings.title')} – ${org.name}`}>
      <PageHeader
        v={v}
        title={v.t('sso.settings.title')}
        lead={v.t('sso.settings.intro')}
        crumbs={[{ href: `/organizations/${org.id}`, label: org.name }]}
      />
      {props.notice ? <Notice tone="error">{props.notice}</Notice> : null}
      <Section id="provider" title={v.t('sso.settings.provider')}>
        <dl class="facts">
          <div class="fact">
            <dt>{v.t('sso.settings.redirectUri')}</dt>
            <dd>
              <code class="code-value">{s.redirectUri}</code>
            </dd>
          </div>
          <div class="fact">
            <dt>{v.t('sso.settings.startUrl')}</dt>
            <dd>
              <code class="code-value">{s.startUrl}</code>
            </dd>
          </div>
        </dl>
        {s.configured ? null : <p class="muted">{v.t('sso.settings.notConfigured')}</p>}
        <ErrorSummary v={v} errors={errors} />
        <PostForm action={base} class="stack form-narrow">
          <TextField
            v={v}
            name="issuer"
            type="url"
            label={v.t('sso.settings.issuer')}
            hint={v.t('sso.settings.issuerHint')}
            value={values.issuer}
            spellcheck={false}
            autocomplete="off"
            error={errors.issuer}
          />
          <TextField
            v={v}
            name="clientId"
            label={v.t('sso.settings.clientId')}
            value={values.clientId}
            spellcheck={false}
            autocomplete="off"
            error={errors.clientId}
          />
          <TextField
            v={v}
            name="clientSecret"
            type="password"
            label={v.t('sso.settings.clientSecret')}
            hint={s.clientSecretSet ? v.t('sso.settings.clientSecretKeep') : undefined}
            autocomplete="new-password"
            error={errors.clientSecret}
          />
          <Checkbox v={v} name="enabled" label={v.t('sso.settings.enabled')} checked={values.enabled} />
          <SubmitButton label={v.t('sso.settings.save')} busy={v.t('common.busy')} />
        </PostForm>
        {s.configured ? (
          <PostForm action={`${base}/delete`} class="inline-form">
            <SubmitButton label={v.t('sso.settings.remove')} busy={v.t('common.busy')} variant="danger" />
          </PostForm>
        ) : null}
      </Section>
      <Section id="domains" title={v.t('sso.settings.domains')}>
        <p class="section-lead">{v.t('sso.settings.domainsIntro')}</p>
        {s.domains.length ? (
          <div class="table-wrap">
            <table class="table">
              <caption class="visually-hidden">{v.t('sso.settings.domains')}</caption>
              <thead>
                <tr>
                  <th scope="col">{v.t('sso.settings.domain')}</th>
                  <th scope="col">{v.t('sso.settings.status')}</th>
                  <th scope="col">{v.t('sso.settings.record')}</th>
                  <th scope="col">{v.t('sso.settings.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {s.domains.map((d) => (
                  <tr>
                    <th scope="row">{d.domain}</th>
                    <td>
                      {d.verified ? (
                        <Badge tone="success">{v.t('sso.settings.verified')}</Badge>
                      ) : (
                        <Badge tone="warning">{v.t('sso.settings.unverified')}</Badge>
                      )}
                    </td>
                    <td>
                      <code class="code-value">{d.txtRecord.value}</code>
                    </td>
                    <td>
                      <div class="form-actions">
                        {d.verified ? null : (
                          <PostForm action={`${base}/domains/${d.domain}/verify`} class="inline-form">
                            <SubmitButton
                              label={v.t('sso.settings.verify')}
                              busy={v.t('common.busy')}
                              variant="secondary"
                              ariaLabel={`${v.t('sso.settings.verify')} ${d.domain}`}
                            />
                          </PostForm>
                        )}
                        {!d.verified && platformAdmin ? (
                          <PostForm
                            action={`${base}/domains/${d.domain}/verify?method=platform_admin`}
                            class="inline-form"
                          >
                            <SubmitButton
                              label={v.t('sso.settings.verifyAsAdmin')}
                              busy={v.t('common.busy')}
                              variant="quiet"
                              ariaLabel={`${v.t('sso.settings.verifyAsAdmin')}: ${d.domain}`}
                            />
                          </PostForm>
                        ) : null}
                        <PostForm action={`${base}/domains/${d.domain}/remove`} class="inline-form">
                          <SubmitButton
                            label={v.t('sso.settings.removeDomain')}
                            busy={v.t('common.busy')}
                            variant="danger"
                            ariaLabel={`${v.t('sso.settings.removeDomain')} ${d.domain}`}
                          />
                        </PostForm>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState title={v.t('sso.settings.noDomains')} />
        )}
        <ErrorSummary v={v} errors={domainErrors} />
        <PostForm action={`${base}/domains`} class="stack form-narrow">
          <TextField
            v={v}
            name="domain"
            label={v.t('sso.settings.domain')}
            value={props.domainValue}
            spellcheck={false}
            autocomplete="off"
            error={domainErrors.domain}
          />
          <SubmitButton label={v.t('sso.settings.addDomain')} busy={v.t('common.busy')} variant="secondary" />
        </PostForm>
      </Section>
    </Layout>
  )
}
