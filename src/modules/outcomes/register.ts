import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../../http/env.ts'
import { registerAssignmentRoutes } from './routes/assignments.ts'
import { registerImportRoutes } from './routes/import.ts'
import { registerIndicatorRoutes } from './routes/indicators.ts'
import { registerReportWorkflowRoutes } from './routes/report-workflow.ts'
import { registerReportRoutes } from './routes/reports.ts'
import { registerShareRoutes } from './routes/shares.ts'
import { registerTimeSeriesRoutes } from './routes/time-series.ts'

/**
 * The outcomes area (PRODUCT.md §1 Indicator, Assignment, Report, Value, Data share; §3): the
 * indicator catalogue, what each venture reports on, reports and their review, CSV import, time
 * series and data shares.
 */
export function registerOutcomeRoutes(app: OpenAPIHono<AppEnv>): void {
  registerIndicatorRoutes(app)
  registerAssignmentRoutes(app)
  registerImportRoutes(app)
  registerReportRoutes(app)
  registerReportWorkflowRoutes(app)
  registerTimeSeriesRoutes(app)
  registerShareRoutes(app)
}
