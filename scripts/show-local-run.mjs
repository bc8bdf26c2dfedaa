// After `npm run local`: prints the outputs the action wrote to GITHUB_OUTPUT and its job summary.
// local-action's own "Action Outputs" table lists only what goes through its stand-in for
// @actions/core, which the action does not import (see src/core.ts), so it stays empty.
import { readFileSync } from 'node:fs'

const outputs = []
const lines = readFileSync('.local-output', 'utf8').split('\n')
for (let index = 0; index < lines.length; index++) {
  const heredoc = /^([^<]+)<<(ghadelimiter_[0-9a-f-]+)$/.exec(lines[index])
  if (!heredoc) continue
  const end = lines.indexOf(heredoc[2], index + 1)
  outputs.push(`${heredoc[1]}: ${lines.slice(index + 1, end).join('\n')}`)
  index = end
}
console.log(`Outputs (GITHUB_OUTPUT):\n\n${outputs.join('\n')}`)
console.log('\nJob summary (GITHUB_STEP_SUMMARY):\n')
console.log(readFileSync('.local-summary.md', 'utf8'))
