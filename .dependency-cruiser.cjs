/**
 * The architecture as rules (STYLE.md "The layout shows the architecture", "Modules have a front
 * door"), checked by `npm run lint` over every file of src, web, migrations, test and bench.
 * There are no known violations: any one fails the lint.
 */
const MODULE_INTERNALS = '^src/modules/[^/]+/(?!index\\.ts$)'
const NODE_ONLY = ['^node_modules/(pg|pg-[^/]+|@electric-sql/pglite|@hono/node-server)/']

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No file imports itself through others: cycles make load order and layering accidental.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'web-through-front-doors',
      comment: 'The dashboard calls the same services as the API, through src/modules/<area>/index.ts.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: MODULE_INTERNALS },
    },
    {
      name: 'web-no-policy-queries',
      comment:
        "The dashboard learns what a caller may do from services (outcomes' reportingAccess, ventures' mayEditVentureProfile); of src/policy it may use only policy.ts's checks on the principal, which read no database.",
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/policy/(?!policy\\.ts$)' },
    },
    {
      name: 'modules-through-front-doors',
      comment:
        "A module uses another module only through that module's index.ts, never its repo or internals.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'src-through-front-doors',
      comment: 'app.ts, http, policy, demo, cli and entry use a module through its index.ts as well.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/modules/[^/]+/' },
      to: { path: MODULE_INTERNALS },
    },
    {
      name: 'http-imports-no-module',
      comment:
        'src/http is the plumbing every module uses (problems, sessions, pagination): it imports none of them; app.ts hands in what it needs.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: ['^src/modules/[^/]+/', '^src/policy/', '^web/'] },
    },
    {
      name: 'routes-without-kysely',
      comment: 'Routes call services; queries live in repo files. The dashboard never queries either.',
      severity: 'error',
      from: {
        path: ['^src/modules/.+/routes(/|\\.ts$)', '^src/modules/.+-routes\\.ts$', '^src/http/', '^web/'],
      },
      to: { path: ['^node_modules/kysely/', '(^|/)[a-z-]*repo\\.ts$'] },
    },
    {
      name: 'domain-is-pure',
      comment:
        'src/domain is calculation only: no database, no framework, no Node built-ins, no other layer.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        path: [
          '^src/(?!domain/)',
          '^web/',
          '^node_modules/(kysely|pg|hono|@hono|@electric-sql)/',
          ...NODE_ONLY,
        ],
      },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'workers-clean-no-node-builtins',
      comment:
        'The Workers bundle must stay clean: only src/entry and src/cli may use node:* (and pg/PGlite, below).',
      severity: 'error',
      from: { path: ['^src/', '^web/'], pathNot: ['^src/entry/', '^src/cli/'] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'workers-clean-no-node-drivers',
      comment: 'pg and PGlite are chosen by the entry (src/entry) or an operator command (src/cli).',
      severity: 'error',
      from: { path: ['^src/', '^web/'], pathNot: ['^src/entry/', '^src/cli/'] },
      to: { path: NODE_ONLY },
    },
    {
      name: 'migrations-are-frozen',
      comment:
        'A migration carries the data it seeds: importing live code from src/ lets a catalogue edit make a fresh database differ from a migrated one.',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^src/' },
    },
  ],
  options: {
    // TypeScript 7 has no JS API dependency-cruiser can use yet; SWC parses TS and TSX and keeps
    // type-only imports (so a cycle through types counts) without tsPreCompilationDeps, which
    // would ask for the tsc parser.
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^src/generated/', '^dist/'] },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    skipAnalysisNotInRules: true,
  },
}
