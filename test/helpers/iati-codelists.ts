import { readFileSync } from 'node:fs'
import { DOMParser } from '@xmldom/xmldom'
import * as xpath from 'xpath'

/**
 * Codelist checks, the validator's other half beside the ruleset: every coded attribute the
 * export writes must be an active code of its codelist (test/fixtures/iati-2.03/codelists, the
 * official lists). A withdrawn code fails too: it is kept in the list only for old data.
 */

const dir = new URL('../fixtures/iati-2.03/codelists/', import.meta.url)
const select = xpath.useNamespaces({ xml: 'http://www.w3.org/XML/1998/namespace' })

/** XPath of the coded values → the codelist they come from. */
export const CODED_PATHS: Record<string, string> = {
  '//sector[not(@vocabulary) or @vocabulary="1"]/@code': 'Sector',
  '//sector/@vocabulary': 'SectorVocabulary',
  '//default-finance-type/@code | //transaction/finance-type/@code': 'FinanceType',
  '//default-flow-type/@code | //transaction/flow-type/@code': 'FlowType',
  '//default-aid-type[not(@vocabulary) or @vocabulary="1"]/@code | //transaction/aid-type[not(@vocabulary) or @vocabulary="1"]/@code':
    'AidType',
  '//default-aid-type/@vocabulary | //transaction/aid-type/@vocabulary': 'AidTypeVocabulary',
  '//default-tied-status/@code | //transaction/tied-status/@code': 'TiedStatus',
  '//transaction-type/@code': 'TransactionType',
  '//activity-status/@code': 'ActivityStatus',
  '//activity-date/@type': 'ActivityDateType',
  '//participating-org/@role': 'OrganisationRole',
  '//reporting-org/@type | //participating-org/@type | //provider-org/@type | //receiver-org/@type':
    'OrganisationType',
  '//@xml:lang': 'Language',
  '//@default-currency | //@currency': 'Currency',
  '//result/@type': 'ResultType',
  '//indicator/@measure': 'IndicatorMeasure',
}

export interface CodeFailure {
  codelist: string
  path: string
  value: string
  reason: 'unknown' | 'withdrawn'
}

const cache = new Map<string, Map<string, 'active' | 'withdrawn'>>()
function codelist(name: string): Map<string, 'active' | 'withdrawn'> {
  const cached = cache.get(name)
  if (cached) return cached
  const doc = new DOMParser().parseFromString(
    readFileSync(new URL(`${name}.xml`, dir), 'utf8'),
    'text/xml',
  ) as unknown as Document
  const items = select('//codelist-item', doc) as Element[]
  const codes = new Map(
    items.map((i) => [
      (select('string(code)', i, true) as string).trim(),
      i.getAttribute('status') === 'withdrawn' ? ('withdrawn' as const) : ('active' as const),
    ]),
  )
  cache.set(name, codes)
  return codes
}

export function codelistFailures(xml: string): CodeFailure[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document
  const out: CodeFailure[] = []
  for (const [path, name] of Object.entries(CODED_PATHS)) {
    const codes = codelist(name)
    for (const n of select(path, doc) as Attr[]) {
      const status = codes.get(n.value)
      if (status !== 'active') {
        out.push({ codelist: name, path, value: n.value, reason: status ? 'withdrawn' : 'unknown' })
      }
    }
  }
  return out
}
