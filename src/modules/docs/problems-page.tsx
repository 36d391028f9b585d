import type { ProblemLanguage } from '../../http/language.ts'
import { ALL_PROBLEM_CODES, PROBLEM_CODES } from '../../http/problem-codes.ts'

const TEXT = {
  en: {
    title: 'Error codes',
    intro:
      'Every error the Effekt API answers is an RFC 9457 problem (application/problem+json) with a stable code. Its type is /problems/<code>, which leads to the code’s row here. Title and detail come in Norwegian Bokmål or English by Accept-Language (nb, nn and no give Bokmål).',
    fields:
      'Field errors in errors[] carry a code too: the validation.* codes below say what failed in one field.',
    caption: 'All error codes, by code',
    code: 'Code',
    status: 'HTTP status',
    name: 'Title',
    meaning: 'Meaning',
    other: 'På norsk',
    otherLang: 'nb',
    api: 'API reference',
  },
  nb: {
    title: 'Feilkoder',
    intro:
      'Alle feil Effekts API svarer med er et RFC 9457-problem (application/problem+json) med en fast kode. Typen er /problems/<kode>, som fører til kodens rad her. Tittel og forklaring kommer på bokmål eller engelsk etter Accept-Language (nb, nn og no gir bokmål).',
    fields:
      'Feltfeil i errors[] har også en kode: validation.*-kodene nedenfor sier hva som var galt i ett felt.',
    caption: 'Alle feilkoder, etter kode',
    code: 'Kode',
    status: 'HTTP-status',
    name: 'Tittel',
    meaning: 'Betydning',
    other: 'In English',
    otherLang: 'en',
    api: 'API-referanse',
  },
} as const

/**
 * The page every problem `type` resolves to: one row per code, its id the code itself, so
 * `/problems/report.locked` lands on `#report.locked`. Plain semantic HTML (a captioned table with
 * header cells), readable without styles or scripts.
 */
export function ProblemsPage(props: { lang: ProblemLanguage }) {
  const t = TEXT[props.lang]
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t.title} – Effekt`}</title>
      </head>
      <body>
        <main>
          <h1>{t.title}</h1>
          <p>{t.intro}</p>
          <p>{t.fields}</p>
          <p>
            <a href={`/problems?lang=${t.otherLang}`} hreflang={t.otherLang} lang={t.otherLang}>
              {t.other}
            </a>{' '}
            · <a href="/docs">{t.api}</a>
          </p>
          <table>
            <caption>{t.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.code}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.meaning}</th>
              </tr>
            </thead>
            <tbody>
              {ALL_PROBLEM_CODES.map((code) => {
                const entry = PROBLEM_CODES[code]
                return (
                  <tr id={code}>
                    <th scope="row">
                      <code>{code}</code>
                    </th>
                    <td>{entry.status}</td>
                    <td>{entry.title[props.lang]}</td>
                    <td>{entry.detail[props.lang]}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </main>
      </body>
    </html>
  )
}
