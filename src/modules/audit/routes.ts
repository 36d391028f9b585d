import { type OpenAPIHono, z } from '@hono/zod-openapi'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { json, problems, route } from '../../http/openapi.ts'
import { PageQuery, pageOf } from '../../http/pagination.ts'
import { iso } from '../../http/serialize.ts'
import { listAudit } from './service.ts'

const AuditEvent = z
  .object({
    id: z.uuid(),
    occurredAt: z.iso.datetime(),
    actorUserId: z.uuid().nullable(),
    actor: z.string().openapi({ description: 'Email of the acting user, or `system`' }),
    organizationId: z.uuid().nullable(),
    action: z.string().openapi({ example: 'organization.update' }),
    entity: z.string().openapi({ example: 'organization' }),
    entityId: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEvent')

const list = route({
  method: 'get',
  path: '/v1/audit',
  operationId: 'listAuditEvents',
  tags: ['audit'],
  access: 'user',
  summary: 'Audit trail',
  description:
    'Every change with actor, organization, before/after and request id, newest first. Platform admins see all; organization admins see their organizations’ events.',
  request: {
    query: PageQuery.extend({
      entity: z
        .string()
        .max(50)
        .optional()
        .openapi({ example: 'organization', description: 'Only events about this kind of entity' }),
      id: z.string().max(200).optional().openapi({ description: 'The entity’s id' }),
    }),
  },
  responses: { 200: json(pageOf(AuditEvent, 'AuditEventPage'), 'A page of events'), ...problems(400, 401) },
})

export function registerAuditRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const page = await listAudit(ctxOf(c), c.req.valid('query'))
    return c.json(
      {
        items: page.items.map((e) => ({
          id: e.id,
          occurredAt: iso(e.occurredAt),
          actorUserId: e.actorUserId,
          actor: e.actorLabel,
          organizationId: e.organizationId,
          action: e.action,
          entity: e.entity,
          entityId: e.entityId,
          before: e.before ?? null,
          after: e.after ?? null,
          requestId: e.requestId,
        })),
        nextCursor: page.nextCursor,
      },
      200,
    )
  })
}
