import type { Child } from 'hono/jsx'
import type { MessageKey } from '../i18n/index.ts'
import type { Tone, View } from './view.ts'

/** The page title block: breadcrumbs, heading, a lead paragraph and the page's main actions. */
export function PageHeader(props: {
  v: View
  title: string
  lead?: Child
  crumbs?: { href: string; label: string }[]
  actions?: Child
  meta?: Child
}) {
  return (
    <div class="page-header">
      {props.crumbs?.length ? (
        <nav aria-label={props.v.t('nav.breadcrumb')} class="breadcrumbs">
          <ol>
            {props.crumbs.map((c) => (
              <li>
                <a href={c.href}>{c.label}</a>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <div class="page-header-row">
        <div class="page-header-text">
          <h1>{props.title}</h1>
          {props.meta ? <div class="page-meta">{props.meta}</div> : null}
          {props.lead ? <p class="lead">{props.lead}</p> : null}
        </div>
        {props.actions ? <div class="page-actions">{props.actions}</div> : null}
      </div>
    </div>
  )
}

/** A message about what just happened; errors are announced at once, the rest politely. */
export function Notice(props: { tone: Tone; children: Child; id?: string }) {
  return (
    <div
      class={`notice notice-${props.tone}`}
      role={props.tone === 'error' ? 'alert' : 'status'}
      id={props.id}
    >
      {props.children}
    </div>
  )
}

/** The designed empty state of a list or section: what is missing, and what to do about it. */
export function EmptyState(props: { title: string; body?: Child; action?: Child }) {
  return (
    <div class="empty-state">
      <svg class="empty-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M4 7h16v11a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z M4 7l2-3h12l2 3 M9 12h6" />
      </svg>
      <p class="empty-title">{props.title}</p>
      {props.body ? <p class="empty-body">{props.body}</p> : null}
      {props.action ? <div class="empty-action">{props.action}</div> : null}
    </div>
  )
}

export function Badge(props: {
  tone?: 'neutral' | 'success' | 'warning' | 'danger' | 'info'
  children: Child
}) {
  return <span class={`badge badge-${props.tone ?? 'neutral'}`}>{props.children}</span>
}

export function Tags(props: { items: string[]; empty: string }) {
  if (!props.items.length) return <span class="muted">{props.empty}</span>
  return (
    <ul class="tags">
      {props.items.map((i) => (
        <li class="tag">{i}</li>
      ))}
    </ul>
  )
}

/** A row of headline numbers. `note` qualifies a figure (e.g. "of 12"). */
export function KeyFigures(props: {
  label: string
  figures: { label: string; value: string; note?: string }[]
}) {
  return (
    <section class="key-figures" aria-label={props.label}>
      <dl>
        {props.figures.map((f) => (
          <div class="key-figure">
            <dt>{f.label}</dt>
            <dd>
              <span class="key-value">{f.value}</span>
              {f.note ? <span class="key-note"> {f.note}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

/** A titled block of a page; `id` makes it linkable and labels the region. */
export function Section(props: {
  id: string
  title: string
  children: Child
  actions?: Child
  class?: string
}) {
  return (
    <section class={`panel ${props.class ?? ''}`} aria-labelledby={`${props.id}-title`} id={props.id}>
      <div class="panel-header">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        {props.actions ? <div class="panel-actions">{props.actions}</div> : null}
      </div>
      {props.children}
    </section>
  )
}

/** The status of a venture as a coloured badge with its name (colour is never the only cue). */
export function VentureStatusBadge(props: { v: View; status: 'active' | 'exited' | 'closed' }) {
  const tone = props.status === 'active' ? 'success' : props.status === 'exited' ? 'info' : 'neutral'
  return <Badge tone={tone}>{props.v.t(`status.${props.status}` as MessageKey)}</Badge>
}

/** A form (POST) whose submit button shows a busy state while the next page loads. */
export function PostForm(props: {
  action: string
  children: Child
  class?: string
  id?: string
  confirm?: string
  label?: string
}) {
  return (
    <form
      method="post"
      action={props.action}
      class={props.class}
      id={props.id}
      novalidate
      data-confirm={props.confirm}
      aria-label={props.label}
    >
      {props.children}
    </form>
  )
}

/**
 * A wide table in a named group that scrolls sideways on a narrow screen. It takes keyboard
 * focus (tabindex 0), so people who do not use a mouse can scroll it with the arrow keys, and it
 * is named by the table's caption (axe: scrollable-region-focusable). It is a group, not a region
 * landmark: the caption often repeats the heading of the section around it, and two landmarks of
 * one name are indistinguishable (axe: landmark-unique). `id`, the caption's, must be unique on
 * the page. The children are the table's head and body.
 */
export function ScrollTable(props: {
  id: string
  caption: Child
  /** The caption is read by screen readers only (the section heading already shows it). */
  captionHidden?: boolean
  class?: string
  children: Child
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <fieldset> groups form controls; this groups a table.
    <div class="table-wrap" role="group" tabindex={0} aria-labelledby={props.id}>
      <table class={`table ${props.class ?? ''}`.trim()}>
        <caption id={props.id} class={props.captionHidden ? 'visually-hidden' : undefined}>
          {props.caption}
        </caption>
        {props.children}
      </table>
    </div>
  )
}
