// `sluice score` as a user runs it: bin/sluice in a child process on an empty data directory.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/sluice', import.meta.url));

function sluice(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bin, ['--data', join(dir, 'data'), ...args], { timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
  });
}

describe('sluice score', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-score-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const posts = join(dir, 'posts.jsonl');
  const interests = join(dir, 'interests.json');
  writeFileSync(posts, [
    { id: 'f1', title: 'Verstappen wins the Grand Prix', text: 'The Formula One champion won from pole position as Red Bull made a single pit stop.' },
    { id: 'van', title: 'Life in a camper van', text: 'We sleep in the van, cook on a gas stove and park at campsites by the sea.' },
    { id: 'ai', title: 'A new language model', text: 'Machine learning researchers trained a neural network on text; the AI answers questions.' },
  ].map((p) => JSON.stringify(p)).join('\n') + '\n');
  writeFileSync(interests, JSON.stringify([
    { name: 'Formula One racing', keywords: ['formula one', 'grand prix'] },
    { name: 'Artificial intelligence', keywords: ['machine learning', 'neural network', 'AI'] },
  ]));

  it('--json: one object per post with id, scores, matched and best', async () => {
    const { code, stdout, stderr } = await sluice(dir, ['score', '--posts', posts, '--interests', interests, '--json']);
    assert.equal(code, 0, stderr);
    const results = JSON.parse(stdout) as { id: string; scores: Record<string, number>; matched: string[]; best: string | null }[];
    assert.deepEqual(results.map((r) => r.id), ['f1', 'van', 'ai']);
    assert.deepEqual(results[0].matched, ['Formula One racing']);
    assert.deepEqual(results[1].matched, []);
    assert.deepEqual(results[2].matched, ['Artificial intelligence']);
    assert.equal(results[2].best, 'Artificial intelligence');
    assert.deepEqual(Object.keys(results[0].scores), ['Formula One racing', 'Artificial intelligence']);
  });

  it('without --json: a readable table', async () => {
    const { code, stdout } = await sluice(dir, ['score', '--posts', posts, '--interests', interests]);
    assert.equal(code, 0);
    assert.match(stdout, /^ID\s+BEST\s+MATCHED/);
    assert.match(stdout, /\nf1\s+Formula One racing\s+Formula One racing\s/);
  });

  it('errors are one clear line: bad JSON line, missing file, empty interests, missing flag', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id":1,"title":"ok"}\n{oops\n');
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '[]');
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, JSON.stringify([{ name: 'x'.repeat(100_000), keywords: ['F1'] }]));
    const many = join(dir, 'many.json');
    writeFileSync(many, JSON.stringify([{ name: 'Many', keywords: Array.from({ length: 20_000 }, (_, i) => `word${i}`) }]));
    const object = join(dir, 'object.json');
    writeFileSync(object, JSON.stringify({ name: 'Formula One racing', keywords: ['F1'] }));
    const cases: [string[], RegExp][] = [
      [['--posts', bad, '--interests', interests], /bad\.jsonl line 2: not valid JSON/],
      [['--posts', posts, '--interests', object], /object\.json: expected a JSON array of interests/],
      // The limits of "interests add": a preview takes what could be added.
      [['--posts', posts, '--interests', huge], /huge\.json: interest "x{40}… \(100000 characters\)": name is longer than 200 characters$/],
      [['--posts', posts, '--interests', many], /many\.json: interest "Many": has 20000 keywords; at most 500 are allowed$/],
      [['--posts', dir, '--interests', interests], /cannot read posts file .*: it is a directory$/],
      [['--posts', join(dir, 'nope.jsonl'), '--interests', interests], /cannot read posts file .*nope\.jsonl: no such file/],
      [['--posts', posts, '--interests', empty], /empty\.json: no interests/],
      [['--posts', posts], /score needs --interests/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await sluice(dir, ['score', ...args]);
      assert.notEqual(code, 0);
      assert.match(stderr.split('\n')[0], message);
      assert.ok(!/\n\s+at /.test(stderr), 'no stack trace');
    }
  });

  it('scores every post: a title alone, another language, none at all (named on stderr, best null)', async () => {
    const odd = join(dir, 'odd.jsonl');
    writeFileSync(odd, [
      { id: 'title-only', title: 'Hamilton takes pole at the Monaco Grand Prix' },
      { id: 'german', title: 'Neues Sprachmodell vorgestellt', text: 'Forscher haben ein neuronales Netz mit Texten trainiert.' },
      { id: 'empty' },
      { id: 'emoji', title: '🚀🚀', text: '🔥' },
      { id: 'ai', title: 'A new language model', text: 'Machine learning researchers trained a neural network on text; the AI answers questions.' },
    ].map((p) => JSON.stringify(p)).join('\n') + '\n');
    const { code, stdout, stderr } = await sluice(dir, ['score', '--posts', odd, '--interests', interests, '--json']);
    assert.equal(code, 0, stderr);
    const results = JSON.parse(stdout) as { id: string; scores: Record<string, number>; matched: string[]; best: string | null }[];
    assert.deepEqual(results.map((r) => r.id), ['title-only', 'german', 'empty', 'emoji', 'ai']);
    const byId = new Map(results.map((r) => [r.id, r]));
    assert.deepEqual(byId.get('title-only')?.matched, ['Formula One racing']);
    assert.deepEqual(byId.get('ai')?.matched, ['Artificial intelligence']);
    for (const id of ['empty', 'emoji']) {
      assert.equal(byId.get(id)?.best, null, id);
      assert.deepEqual(byId.get(id)?.matched, [], id);
      for (const score of Object.values(byId.get(id)?.scores ?? {})) assert.ok(Number.isFinite(score), id);
    }
    assert.equal(stderr, 'sluice: warning: 2 posts with nothing to score ("empty", "emoji": no words, or none the built-in embedder knows and none an interest holds): listed with best null, matched by no interest\n');
  });
});
