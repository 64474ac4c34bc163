// `sluice COMMAND --help`: every command explains every option the issue names, and asking for help
// never opens (so never creates) a data directory.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sluice } from './run.ts';

/** What each command's help must mention: the options of issue #3 and of the README's table. */
const OPTIONS: Record<string, string[]> = {
  interests: ['add NAME', '--keywords', '--description', 'list', 'show NAME', 'remove NAME', '--json'],
  feed: ['--interest NAME', '--limit N', '--offset N', '--half-life HOURS', '--include-hidden', '--json'],
  feedback: ['POST_ID', 'like', 'dislike', 'offtopic', 'undo', '--interest NAME'],
  score: ['--posts FILE.jsonl', '--interests FILE.json', '--json', '"scores"', '"matched"', '"best"'],
  feeds: ['add URL', '--full-text', '--category', 'import', 'export', 'list', 'remove ID'],
  refresh: ['--all', '--json'],
  posts: ['--feed ID', '--limit N', '--json'],
  settings: ['own-feeds-only on|off', '--json'],
  users: ['add NAME', '--password-stdin', 'token add'],
  serve: ['--port N', '--host H'],
};

describe('sluice help', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-help-'));
  const data = join(dir, 'data');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints each command\'s options for COMMAND --help, COMMAND -h and help COMMAND, without a data directory', async () => {
    for (const [command, options] of Object.entries(OPTIONS)) {
      const forms = command === 'interests' ? [[command, '--help'], [command, '-h'], ['help', command]] : [[command, '--help']];
      for (const args of forms) {
        const r = await sluice(data, args);
        assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
        assert.equal(r.stderr, '');
        assert.match(r.stdout, new RegExp(`^Usage: sluice ${command}`), args.join(' '));
        for (const option of options) assert.ok(r.stdout.includes(option), `${args.join(' ')} mentions ${option}`);
      }
    }
    // A subcommand's --help is its command's.
    const sub = await sluice(data, ['interests', 'add', '--help']);
    assert.equal(sub.code, 0, sub.stderr);
    assert.match(sub.stdout, /--keywords/);
    assert.equal(existsSync(data), false, 'help created no data directory');
  });

  it('points a wrong command line to that command\'s help', async () => {
    const r = await sluice(data, ['feed', '--bogus']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'sluice: unknown option --bogus\nRun "sluice feed --help" for usage.\n');
    const unknown = await sluice(data, ['help', 'frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });
});
