// Robustness checks collect every problem across a corpus; this fails with a readable list of them.
import assert from 'node:assert/strict';

const SHOWN = 40;

export function assertNone(problems: string[], what: string): void {
  if (problems.length === 0) return;
  const more = problems.length > SHOWN ? `\n… and ${problems.length - SHOWN} more` : '';
  assert.fail(`${problems.length} ${what}:\n${problems.slice(0, SHOWN).join('\n')}${more}`);
}
