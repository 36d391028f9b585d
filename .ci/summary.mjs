// Prints the one closing line CI reads: "N passed, N failed[, N skipped]" over every test of
// every vitest project plus the static checks; exits non-zero when anything failed.
import { existsSync, readFileSync } from 'node:fs'

const [file, checksPassed = '0', checksFailed = '0', testStatus = '0'] = process.argv.slice(2)
let passed = Number(checksPassed)
let failed = Number(checksFailed)
let skipped = 0
if (existsSync(file)) {
  const report = JSON.parse(readFileSync(file, 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + (report.numTodoTests ?? 0)
  // A file that failed to load has no tests but is a failure all the same.
  failed += report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length
} else {
  failed += 1
}
if (Number(testStatus) !== 0 && failed === 0) failed = 1
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 ? 1 : 0)
