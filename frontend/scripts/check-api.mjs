// Regenerates the API types from src/api/openapi.json into a temp file and fails when
// they differ from the committed src/api/schema.d.ts (run `npm run gen:api` to update).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const spec = join(root, 'src/api/openapi.json')
const committed = join(root, 'src/api/schema.d.ts')
if (!existsSync(spec)) {
  console.error('check:api: src/api/openapi.json is missing')
  process.exit(1)
}
const dir = mkdtempSync(join(tmpdir(), 'jxc-api-'))
const out = join(dir, 'schema.d.ts')
try {
  const cli = join(root, 'node_modules/openapi-typescript/bin/cli.js')
  execFileSync(process.execPath, [cli, spec, '-o', out], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  const fresh = readFileSync(out, 'utf8')
  const old = existsSync(committed) ? readFileSync(committed, 'utf8') : ''
  if (fresh !== old) {
    console.error('check:api: src/api/schema.d.ts is out of date with src/api/openapi.json; run `npm run gen:api`')
    process.exit(1)
  }
  console.log('check:api: src/api/schema.d.ts is up to date')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
