import { readFileSync, writeFileSync } from 'node:fs'
import { createApp } from '../app.ts'
import { defaultConfig } from '../config.ts'
import type { Database } from '../db/database.ts'
import { silentLogger } from '../http/logger.ts'
import { openApiDocument } from '../openapi-document.ts'

/** `npm run openapi` writes openapi/openapi.json; `npm run openapi:check` fails when it is stale. */
const FILE = 'openapi/openapi.json'
const noDatabase = {} as Database // building the document never touches the database
const app = createApp({ database: noDatabase, config: defaultConfig(), logger: silentLogger })
const text = `${JSON.stringify(openApiDocument(app), null, 2)}\n`

if (process.argv[2] === 'check') {
  let current = ''
  try {
    current = readFileSync(FILE, 'utf8')
  } catch {}
  if (current !== text) {
    console.error(`${FILE} is out of date: run \`npm run openapi\` and commit the result.`)
    process.exit(1)
  }
  console.log(`${FILE} is up to date.`)
} else {
  writeFileSync(FILE, text)
  console.log(`Wrote ${FILE}.`)
}
