/** One sentence in both languages. */
export interface Text {
  en: string
  nb: string
}

/**
 * One stable error code: its HTTP status, a short title, and the generic detail — what the code
 * means, shown on /problems and sent when the throw site has no more specific sentence (in nb
 * always: interpolated English details are not translated word for word).
 */
export interface ProblemEntry {
  status: number
  title: Text
  detail: Text
}

/** Shorthand for the catalogue tables: status, title en/nb, detail en/nb. */
export const entry = (status: number, titleEn: string, titleNb: string, detailEn: string, detailNb: string) =>
  ({
    status,
    title: { en: titleEn, nb: titleNb },
    detail: { en: detailEn, nb: detailNb },
  }) satisfies ProblemEntry
