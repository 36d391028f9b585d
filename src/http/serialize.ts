/** Dates in JSON are ISO 8601 strings; this keeps route handlers free of toISOString noise. */
export const iso = (d: Date) => d.toISOString()
export const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null)
