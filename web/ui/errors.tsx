import type { MessageKey } from '../i18n/index.ts'
import { Layout } from './layout.tsx'
import type { View } from './view.ts'

export type ErrorKind = 'not-found' | 'forbidden' | 'bad-request' | 'server' | 'unavailable'

const TITLES: Record<ErrorKind, MessageKey> = {
  'not-found': 'error.notFound.title',
  forbidden: 'error.forbidden.title',
  'bad-request': 'error.badRequest.title',
  server: 'error.server.title',
  unavailable: 'error.unavailable.title',
}

const CODES: Record<ErrorKind, string> = {
  'not-found': '404',
  forbidden: '403',
  'bad-request': '400',
  server: '500',
  unavailable: '503',
}

/**
 * The designed error states: what happened in plain words, a way onwards, and for server errors
 * the request id to quote (the same id the logs carry).
 */
export function ErrorPage(props: { v: View; kind: ErrorKind; detail?: string | undefined }) {
  const { v, kind } = props
  const title = v.t(TITLES[kind])
  const home = v.principal ? '/' : '/login'
  return (
    <Layout v={v} title={title} narrow>
      <div class="error-page">
        <p class="error-code" aria-hidden="true">
          {CODES[kind]}
        </p>
        <h1>{title}</h1>
        {kind === 'not-found' ? <p class="lead">{v.t('error.notFound.body')}</p> : null}
        {kind === 'forbidden' ? <p class="lead">{props.detail ?? v.t('error.forbidden.body')}</p> : null}
        {kind === 'bad-request' && props.detail ? <p class="lead">{props.detail}</p> : null}
        {kind === 'unavailable' ? <p class="lead">{v.t('error.unavailable.body')}</p> : null}
        {kind === 'server' ? (
          <>
            <p class="lead">{v.t('error.server.body')}</p>
            <p class="request-id">
              {v.t('error.requestId')}: <code>{v.requestId}</code>
            </p>
          </>
        ) : null}
        <p>
          <a class="button button-primary" href={home}>
            {v.t('error.goHome')}
          </a>
        </p>
      </div>
    </Layout>
  )
}
