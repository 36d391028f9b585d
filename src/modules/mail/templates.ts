import type { MailLanguage } from '../../db/schema-mail.ts'

/**
 * The template layer: every mail is a heading, paragraphs and at most one link, rendered as plain
 * text and as simple HTML from the same parts. No images, no tracking pixels, no redirecting
 * links: what the recipient sees is the address they go to.
 */
export interface MailParts {
  language: MailLanguage
  subject: string
  heading: string
  paragraphs: string[]
  /** The one link the mail is about (absolute, from PUBLIC_URL). */
  action?: { label: string; url: string }
  /** A closing line, e.g. why the recipient got the mail. */
  footer?: string
}

export interface RenderedMail {
  subject: string
  text: string
  html: string
}

const escapeHtml = (s: string) =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')

const SIGNATURE: Record<MailLanguage, string> = {
  nb: 'Hilsen Effekt',
  en: 'Regards, Effekt',
}

/** Builds the plain-text and HTML bodies of one mail from its parts. */
export function composeMail(parts: MailParts): RenderedMail {
  const text = [
    parts.heading,
    '',
    ...parts.paragraphs.flatMap((p) => [p, '']),
    ...(parts.action ? [`${parts.action.label}:`, parts.action.url, ''] : []),
    SIGNATURE[parts.language],
    ...(parts.footer ? ['', '--', parts.footer] : []),
    '',
  ].join('\n')
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`
  const html = [
    '<!doctype html>',
    `<html lang="${parts.language}"><head><meta charset="utf-8"><title>${escapeHtml(parts.subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:36em;margin:0 auto;padding:16px">',
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(parts.heading)}</h1>`,
    ...parts.paragraphs.map(p),
    ...(parts.action
      ? [
          `<p style="margin:0 0 16px"><a href="${escapeHtml(parts.action.url)}" style="color:#0b57d0">${escapeHtml(parts.action.label)}</a></p>`,
          `<p style="margin:0 0 16px;font-size:14px;word-break:break-all">${escapeHtml(parts.action.url)}</p>`,
        ]
      : []),
    p(SIGNATURE[parts.language]),
    ...(parts.footer
      ? [`<p style="margin:24px 0 0;font-size:14px;color:#555">${escapeHtml(parts.footer)}</p>`]
      : []),
    '</body></html>',
    '',
  ].join('\n')
  return { subject: parts.subject, text, html }
}

/**
 * An absolute link for a mail: PUBLIC_URL (no trailing slash) + a path starting with `/`. A token
 * in the query stays out of the request log (it logs the path only) and out of other sites'
 * Referer (strict-origin-when-cross-origin).
 */
export const mailLink = (publicUrl: string, path: string, query: Record<string, string> = {}) => {
  const q = new URLSearchParams(query).toString()
  return `${publicUrl}${path}${q ? `?${q}` : ''}`
}
