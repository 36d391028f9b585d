import type { Child } from 'hono/jsx'
import { LANGUAGE_NAMES, type Language } from '../i18n/index.ts'
import { Notice } from './components.tsx'
import { LANGS } from './format.ts'
import { navFor } from './nav.ts'
import type { View } from './view.ts'

/** The same page in another language: the `lang` parameter sets the cookie and comes back here. */
export function languageHref(url: URL, lang: Language): string {
  const params = new URLSearchParams(url.search)
  params.set('lang', lang)
  return `${url.pathname}?${params}`
}

function LanguageSwitch(props: { v: View }) {
  const { v } = props
  return (
    <nav class="lang-switch" aria-label={v.t('lang.label')}>
      <ul>
        {LANGS.map((l) =>
          l === v.lang ? (
            <li>
              <span class="lang-current" aria-current="true" lang={l}>
                {LANGUAGE_NAMES[l]}
              </span>
            </li>
          ) : (
            <li>
              <a href={languageHref(v.url, l)} lang={l} hreflang={l}>
                {LANGUAGE_NAMES[l]}
              </a>
            </li>
          ),
        )}
      </ul>
    </nav>
  )
}

function Brand() {
  return (
    <a class="brand" href="/">
      <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="7" />
        <path d="M9 22V10h13M9 16h10M9 22h13" />
      </svg>
      <span class="brand-name">Effekt</span>
    </a>
  )
}

/** The bell: a link to the notifications with the unread count in its accessible name. */
function Bell(props: { v: View; count: number }) {
  const { v, count } = props
  const label = count === 0 ? v.t('bell.label.none') : v.tn('bell.label', count, v.fmt.number(count))
  return (
    <a
      class="bell"
      href="/notifications"
      aria-label={label}
      aria-current={v.url.pathname === '/notifications' ? 'page' : undefined}
    >
      <svg class="bell-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zM9.5 19a2.5 2.5 0 0 0 5 0" />
      </svg>
      {count > 0 ? (
        <span class="bell-count" aria-hidden="true">
          {count > 99 ? '99+' : v.fmt.number(count)}
        </span>
      ) : null}
    </a>
  )
}

function SiteHeader(props: { v: View }) {
  const { v } = props
  const p = v.principal
  const orgs = p?.memberships.map((m) => m.organizationName) ?? []
  return (
    <header class="site-header">
      <div class="masthead">
        <div class="container masthead-row">
          <Brand />
          <div class="masthead-tools">
            <LanguageSwitch v={v} />
            {p && v.unreadCount !== undefined ? <Bell v={v} count={v.unreadCount} /> : null}
            {p ? (
              <div class="user">
                <span class="user-name">{p.name}</span>
                <span class="user-org">
                  {p.isPlatformAdmin ? v.t('user.platformAdmin') : orgs.join(', ')}
                </span>
                <form method="post" action="/logout" class="signout">
                  <button type="submit" class="button button-on-dark">
                    {v.t('user.signOut')}
                  </button>
                </form>
              </div>
            ) : null}
          </div>
        </div>
      </div>
      {p ? (
        <nav class="main-nav" aria-label={v.t('nav.main')}>
          <ul class="container">
            {navFor(p, v.url.pathname).map((item) => (
              <li>
                <a href={item.href} aria-current={item.current ? 'page' : undefined}>
                  {v.t(item.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  )
}

/** Every dashboard page: landmarks, skip link, language, the signed-in menu, and a flash notice. */
export function Layout(props: {
  v: View
  title: string
  children: Child
  charts?: boolean
  narrow?: boolean
}) {
  const { v } = props
  const app = v.assets['app.js']
  // The app script loads the chart script when a page has charts; a page that knows it has them
  // preloads it so both download at once.
  const charts = v.assets['charts.js']
  const css = v.assets['app.css']
  const icon = v.assets['favicon.svg']
  return (
    <html lang={v.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – Effekt`}</title>
        <meta name="description" content={v.t('app.tagline')} />
        {icon ? <link rel="icon" href={icon} type="image/svg+xml" /> : null}
        {css ? <link rel="stylesheet" href={css} /> : null}
        {app ? <script type="module" src={app} /> : null}
        {charts && props.charts ? <link rel="modulepreload" href={charts} /> : null}
      </head>
      <body data-charts-src={charts}>
        <a class="skip-link" href="#main">
          {v.t('skip.main')}
        </a>
        <SiteHeader v={v} />
        <main id="main" tabindex={-1} class={`container page${props.narrow ? ' page-narrow' : ''}`}>
          {v.flash ? <Notice tone={v.flash.tone}>{v.t(v.flash.key, v.flash.params)}</Notice> : null}
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container footer-row">
            <p>
              <strong>Effekt</strong> · {v.t('footer.text')}
            </p>
            <p>
              <a href="/docs">{v.t('nav.apiDocs')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  )
}
