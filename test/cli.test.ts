// The CLI as a user runs it: bin/sluice in a child process, against feeds served on loopback.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/sluice', import.meta.url));

function sluice(dir: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      bin,
      ['--data', dir, ...args],
      { env: { ...process.env, SLUICE_ALLOW_PRIVATE_NETWORKS: 'true', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Local Atom</title><id>urn:local</id><updated>2026-11-21T00:00:00Z</updated>
<link href="/" rel="alternate"/>
<entry><id>urn:e1</id><title>Camper vans in winter</title><link href="/posts/1"/><updated>2026-11-21T00:00:00Z</updated>
<content type="html">&lt;p&gt;Insulating a camper van &lt;img src="x" onerror="alert(1)"&gt;&lt;/p&gt;</content></entry>
<entry><id>urn:e2</id><title>Formula One season review</title><link href="/posts/2"/><updated>2026-11-20T00:00:00Z</updated>
<summary>Races, cars and drivers.</summary></entry>
</feed>`;

describe('bin/sluice', () => {
  let server: Server;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'sluice-cli-'));

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body>blog</body></html>');
      } else if (req.url === '/atom.xml') {
        res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom);
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a feed discovered from a web page, lists it, and shows its posts', async () => {
    const add = await sluice(dir, ['feeds', 'add', `${base}/`]);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /Subscribed to Local Atom .*atom\.xml.*2 new posts/);

    const list = await sluice(dir, ['feeds', 'list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    const feeds = JSON.parse(list.stdout);
    assert.equal(feeds.length, 1);
    for (const key of ['id', 'url', 'title', 'status', 'lastError', 'lastFetchAt', 'nextFetchAt']) assert.ok(key in feeds[0], key);
    assert.equal(feeds[0].url, `${base}/atom.xml`);
    assert.equal(feeds[0].status, 'active');
    assert.equal(feeds[0].lastError, null);

    const posts = await sluice(dir, ['posts', 'list', '--json']);
    assert.equal(posts.code, 0, posts.stderr);
    const items = JSON.parse(posts.stdout);
    assert.equal(items.length, 2);
    for (const key of ['id', 'url', 'title', 'feed', 'published', 'content']) assert.ok(key in items[0], key);
    const van = items.find((p: { title: string }) => p.title === 'Camper vans in winter');
    assert.equal(van.url, `${base}/posts/1`);
    assert.equal(van.feed, 'Local Atom');
    assert.doesNotMatch(van.content, /onerror/);

    const refresh = await sluice(dir, ['refresh', '--all', '--json']);
    assert.equal(refresh.code, 0, refresh.stderr);
    const summary = JSON.parse(refresh.stdout);
    assert.equal(summary.feeds, 1);
    assert.equal(summary.newPosts, 0);
  });

  it('exports OPML and imports it into another data directory', async () => {
    const exported = await sluice(dir, ['feeds', 'export']);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /<opml version="2.0">/);
    const other = mkdtempSync(join(tmpdir(), 'sluice-cli-import-'));
    const file = join(other, 'subs.opml');
    writeFileSync(file, exported.stdout);
    const imported = await sluice(other, ['feeds', 'import', file]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Imported 1 feeds/);
    rmSync(other, { recursive: true, force: true });
  });

  it('fails with one clear line and a non-zero exit, never a stack trace', async () => {
    const bad = join(dir, 'bad.opml');
    writeFileSync(bad, '<?xml version="1.0"?>\n<opml>\n<body>\n<outline xmlUrl="https://a.example/"></outln>\n</body></opml>');
    const cases: [string[], number, RegExp][] = [
      [['feeds', 'import', bad], 1, /line 4/],
      [['feeds', 'import', join(dir, 'missing.opml')], 1, /cannot read .*ENOENT/],
      [['frobnicate'], 2, /unknown command "frobnicate"/],
      [['feeds', 'remove', 'abc'], 2, /positive whole number/],
      [['feeds', 'remove', '999'], 1, /no subscription with feed ID 999/],
      [['posts', 'list', '--limit'], 2, /--limit/],
      [['feeds', 'add', `${base}/nothing-here`], 1, /404/],
    ];
    for (const [args, code, message] of cases) {
      const r = await sluice(dir, args);
      assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.match(r.stderr, /^sluice: /);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('adds, lists, shows and removes interests', async () => {
    const add = await sluice(dir, ['interests', 'add', 'Formula One racing', '--keywords', 'F1, grand prix, the', '--description', 'Cars and drivers']);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /Added interest "Formula One racing"/);
    assert.match(add.stdout, /not used: the \(stoplist\)/);
    const dup = await sluice(dir, ['interests', 'add', 'formula one RACING']);
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /already exists/);
    const list = JSON.parse((await sluice(dir, ['interests', 'list', '--json'])).stdout);
    assert.deepEqual(list.map((i: { name: string }) => i.name), ['Formula One racing']);
    assert.deepEqual(list[0].keywords, ['F1', 'grand prix', 'the']);
    const show = JSON.parse((await sluice(dir, ['interests', 'show', 'formula one racing', '--json'])).stdout);
    const terms = new Map(show.terms.map((t: { term: string; source: string; weight: number }) => [t.term, t]));
    assert.equal((terms.get('grand prix') as { source: string }).source, 'keyword');
    assert.equal((terms.get('race') as { source: string }).source, 'name');
    assert.ok((terms.get('f1') as { weight: number }).weight > (terms.get('race') as { weight: number }).weight);
    // "one" of the name is in one of the two stored posts: too common here to be a term, as the
    // matcher compiles it (the view judges words against the stream's saved statistics).
    assert.deepEqual(show.refused, [{ text: 'the', reason: 'stoplist' }, { text: 'one', reason: 'idf-floor' }]);
    assert.ok(show.suggestions.length > 0, 'suggested keywords from the embedding neighbourhood');
    for (const s of show.suggestions) assert.ok(!['f1', 'grand prix'].includes(s), 'no keyword the interest already has');
    const empty = await sluice(dir, ['interests', 'add', 'the']);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /no word to match on/);
    assert.equal((await sluice(dir, ['interests', 'remove', 'Formula One racing'])).code, 0);
    assert.deepEqual(JSON.parse((await sluice(dir, ['interests', 'list', '--json'])).stdout), []);
  });

  it('refuses private addresses unless allowed', async () => {
    const r = await sluice(dir, ['feeds', 'add', `${base}/atom.xml`], { SLUICE_ALLOW_PRIVATE_NETWORKS: 'false' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /refused to connect to 127\.0\.0\.1/);
  });
});
