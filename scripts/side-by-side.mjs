// Runs shell commands at the same time, prints each one's output whole when it ends (so the two
// never interleave), and fails if any fails. Used by test-all.mjs for the typecheck and the lint.
//   node scripts/side-by-side.mjs "npm run --silent typecheck" "npm run --silent lint"
import { spawn } from 'node:child_process'

const commands = process.argv.slice(2)
const results = await Promise.all(
  commands.map(
    (command) =>
      new Promise((resolve) => {
        const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] })
        let output = ''
        child.stdout.on('data', (d) => (output += d))
        child.stderr.on('data', (d) => (output += d))
        child.on('close', (code) => {
          process.stdout.write(`--- ${command}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}\n${output}`)
          resolve(code ?? 1)
        })
      }),
  ),
)
process.exit(results.every((code) => code === 0) ? 0 : 1)
