import { readFileSync } from 'node:fs'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

/**
 * Every response the API suite receives is checked against the committed openapi/openapi.json:
 * the operation is found by method and path template, and its status, media type and body must
 * be ones the document declares. A test whose response drifts from the contract fails, so the
 * document cannot quietly stop telling the truth. Paths the document does not describe (the
 * dashboard, /docs, unknown routes) are not checked here.
 */

interface MediaObject {
  schema?: unknown
}
interface ResponseObject {
  content?: Record<string, MediaObject>
}
interface Operation {
  operationId?: string
  responses: Record<string, ResponseObject>
}
interface Document {
  paths: Record<string, Record<string, Operation>>
  components: Record<string, unknown>
}

const DOC_ID = 'https://effekt.test/openapi.json'
const doc = JSON.parse(
  readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'),
) as Document

// strict off: OpenAPI adds keywords (example, discriminator…) that JSON Schema does not know.
const ajv = new Ajv2020({ strict: false })
;(addFormats as unknown as (a: Ajv2020) => void)(ajv)
ajv.addSchema({ $id: DOC_ID, components: closeComponents(doc.components) })

/**
 * A field the server sends that the document does not name is drift too: every object schema
 * is closed with `unevaluatedProperties: false` — at the `allOf` that composes it where it is a
 * part of one (a part closed by itself would refuse its siblings' fields).
 */
function allOfParts(root: unknown): { parts: Set<unknown>; refs: Set<string> } {
  const parts = new Set<unknown>()
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n)
      return
    }
    if (!node || typeof node !== 'object') return
    const o = node as Record<string, unknown>
    if (Array.isArray(o.allOf)) for (const part of o.allOf) parts.add(part)
    for (const v of Object.values(o)) walk(v)
  }
  walk(root)
  const refs = new Set(
    [...parts].flatMap((p) => {
      const ref = (p as { $ref?: unknown } | null)?.$ref
      return typeof ref === 'string' ? [ref.slice(ref.lastIndexOf('/') + 1)] : []
    }),
  )
  return { parts, refs }
}

function close(node: unknown, parts: Set<unknown>): void {
  if (Array.isArray(node)) {
    for (const n of node) close(n, parts)
    return
  }
  if (!node || typeof node !== 'object') return
  const o = node as Record<string, unknown>
  const open = 'additionalProperties' in o || 'unevaluatedProperties' in o
  if (!parts.has(node) && !open && (o.properties || Array.isArray(o.allOf))) o.unevaluatedProperties = false
  for (const v of Object.values(o)) close(v, parts)
}

function closeComponents(components: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(components) as { schemas?: Record<string, unknown> }
  const { parts, refs } = allOfParts(copy)
  // A named schema used as a part is left open at its top (its own nested objects are closed).
  for (const [name, schema] of Object.entries(copy.schemas ?? {})) {
    if (refs.has(name)) parts.add(schema)
    close(schema, parts)
  }
  return copy
}

const closeSchema = (schema: unknown) => {
  const copy = structuredClone(schema)
  close(copy, allOfParts(copy).parts)
  return copy
}

interface Template {
  method: string
  template: string
  pattern: RegExp
  params: number
  operation: Operation
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options'])
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const templates: Template[] = Object.entries(doc.paths)
  .flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({
        method,
        template,
        pattern: new RegExp(
          `^${template
            .split(/\{[^}]+\}/)
            .map(escapeRegExp)
            .join('[^/]+')}$`,
        ),
        params: (template.match(/\{/g) ?? []).length,
        operation,
      })),
  )
  // A literal path wins over a template that also matches it (iati.xml before {kind}.csv).
  .sort((a, b) => a.params - b.params)

export function findOperation(method: string, path: string): Template | undefined {
  const m = method.toLowerCase()
  return templates.find((t) => t.method === m && t.pattern.test(path))
}

// Keyed by the schema itself: most responses share one (the Problem), and compiling is the cost.
const validators = new Map<string, ValidateFunction>()
function validatorFor(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema)
  let v = validators.get(key)
  if (!v) {
    // Point the document's local references at the document registered above.
    const rebased = JSON.parse(
      JSON.stringify(closeSchema(schema)).replaceAll('"#/components/', `"${DOC_ID}#/components/`),
    )
    v = ajv.compile(rebased)
    validators.set(key, v)
  }
  return v
}

const mediaType = (header: string | null) => (header ?? '').split(';')[0]!.trim().toLowerCase()

/** What is wrong with one response against the contract ([] when nothing, or not described). */
export function contractViolations(
  method: string,
  path: string,
  status: number,
  contentType: string | null,
  text: string,
): string[] {
  const op = findOperation(method, path)
  if (!op) return []
  const where = `${method.toUpperCase()} ${op.template} → ${status}`
  const declared = op.operation.responses[String(status)]
  if (!declared)
    return [`${where}: status not declared (declared: ${Object.keys(op.operation.responses).join(', ')})`]
  const content = declared.content ?? {}
  const type = mediaType(contentType)
  if (Object.keys(content).length === 0 || status === 304)
    return text === '' ? [] : [`${where}: declared without a body but sent ${type || 'a body'}`]
  const media = content[type]
  if (!media)
    return [`${where}: media type ${type || '(none)'} not declared (${Object.keys(content).join(', ')})`]
  if (method.toLowerCase() === 'head' || media.schema === undefined) return []
  let body: unknown = text
  if (/json/.test(type)) {
    try {
      body = JSON.parse(text)
    } catch {
      return [`${where}: ${type} body is not JSON`]
    }
  }
  const validate = validatorFor(media.schema)
  if (validate(body)) return []
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${where}: body${e.instancePath.replaceAll('/', '.')} ${e.message} (${e.schemaPath})`)
}

export class ContractViolation extends Error {
  constructor(readonly violations: string[]) {
    super(`The response does not match openapi/openapi.json:\n  ${violations.join('\n  ')}`)
    this.name = 'ContractViolation'
  }
}

/** Checks a response (a clone is read, the caller's stays unread) and throws on drift. */
export async function assertResponseMatchesContract(
  method: string,
  url: string,
  res: Response,
): Promise<void> {
  const path = new URL(url, 'http://localhost').pathname
  if (!findOperation(method, path)) return
  const text = method.toUpperCase() === 'HEAD' ? '' : await res.clone().text()
  const violations = contractViolations(method, path, res.status, res.headers.get('content-type'), text)
  if (violations.length) throw new ContractViolation(violations)
}
