/**
 * `npm run admin -- <command>`: operator commands on the configured database. The identity
 * commands (organizations, users, memberships, tokens, demo data) are registered in commands.ts.
 */
import { runAdmin } from './commands.ts'

process.exitCode = await runAdmin(process.argv.slice(2))
