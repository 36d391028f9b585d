import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../../http/context.ts'
import type { AppEnv } from '../../../http/env.ts'
import { json, jsonBody, problems, route } from '../../../http/openapi.ts'
import { PageQuery, pageOf } from '../../../http/pagination.ts'
import * as assignments from '../assignments-service.ts'
import { Assignment, AssignmentIdParam, CreateAssignment, UpdateAssignment } from '../schemas/assignments.ts'
import { VentureIdParam } from '../schemas/common.ts'
import { assignmentOut } from '../serialize.ts'

const list = route({
  method: 'get',
  path: '/v1/ventures/{id}/assignments',
  operationId: 'listAssignments',
  tags: ['outcomes'],
  access: 'user',
  summary: 'List what a venture reports on',
  description:
    'The venture’s indicators with frequency, start, baseline and targets. Anyone with detailed access to the venture (its members, its investors, detailed shares).',
  request: { params: VentureIdParam, query: PageQuery },
  responses: {
    200: json(pageOf(Assignment, 'AssignmentPage'), 'A page of assignments, by indicator code'),
    ...problems(400, 401, 404),
  },
})

const create = route({
  method: 'post',
  path: '/v1/ventures/{id}/assignments',
  operationId: 'createAssignment',
  tags: ['outcomes'],
  access: 'user',
  summary: 'Assign an indicator to a venture',
  description:
    'Investors with standing (editor or admin) and the venture’s editors set which indicators the venture reports on, how often, from when, the baseline and targets per period.',
  request: { params: VentureIdParam, ...jsonBody(CreateAssignment, 'The assignment') },
  responses: { 201: json(Assignment, 'Created'), ...problems(400, 401, 403, 404, 409, 415, 422) },
})

const patch = route({
  method: 'patch',
  path: '/v1/assignments/{id}',
  operationId: 'updateAssignment',
  tags: ['outcomes'],
  access: 'user',
  summary: 'Change an assignment’s end date, baseline or targets',
  description:
    'Targets can be set or removed until the report that closes their period is verified; the baseline until a value of the assignment is verified (409 after).',
  request: { params: AssignmentIdParam, ...jsonBody(UpdateAssignment, 'Fields to change') },
  responses: { 200: json(Assignment, 'Updated'), ...problems(400, 401, 403, 404, 409, 415, 422) },
})

export function registerAssignmentRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const page = await assignments.listAssignments(ctxOf(c), c.req.valid('param').id, c.req.valid('query'))
    return c.json({ items: page.items.map(assignmentOut), nextCursor: page.nextCursor }, 200)
  })
  app.openapi(create, async (c) => {
    const view = await assignments.createAssignment(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))
    return c.json(assignmentOut(view), 201)
  })
  app.openapi(patch, async (c) => {
    const view = await assignments.updateAssignment(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))
    return c.json(assignmentOut(view), 200)
  })
}
