/**
 * Front door of the idempotency module: what other modules, app.ts and web/ may import (STYLE.md).
 * Idempotency-Key handling for creating requests (the middleware app.ts mounts on /v1).
 */
export { idempotency } from './middleware.ts'
