// Bad input on the command line (issue #3, "Bad input"): a clear one-line error, a non-zero exit,
// and never the input echoed back whole — a 100 kB name pasted by mistake gets a short message.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sluice } from './run.ts';

describe('sluice with bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bad-input-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a 100 kB interest name with a short message wherever a name is taken', async () => {
    const huge = 'a'.repeat(100_000);
    const cases: [string[], RegExp][] = [
      [['interests', 'add', huge], /name is longer than 200 characters/],
      [['interests', 'show', huge], /no interest named "a{40}… \(100000 characters\)"/],
      [['interests', 'remove', huge], /no interest named "a{40}… \(100000 characters\)"/],
      [['feed', '--interest', huge], /no interest named "a{40}… \(100000 characters\)"/],
    ];
    for (const [args, message] of cases) {
      const r = await sluice(dir, args);
      assert.equal(r.code, 1, `${args[0]} ${args[1]}: ${r.stderr.slice(0, 200)}`);
      assert.match(r.stderr, message);
      assert.ok(r.stderr.length < 300, `${args[0]} ${args[1]}: ${r.stderr.length} characters on stderr`);
    }
  });

  it('says what is wrong with a name, keywords and numbers', async () => {
    const blank = await sluice(dir, ['interests', 'add', '  ']);
    assert.equal(blank.code, 1);
    assert.equal(blank.stderr, 'sluice: an interest needs a name\n');
    // --keywords given empty is a mistake (an unset shell variable, say); left out, the name alone
    // is an interest: its words are matched (singular when there is one).
    for (const empty of ['', ' , ,']) {
      const r = await sluice(dir, ['interests', 'add', 'Volcanoes', '--keywords', empty]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^sluice: --keywords has no keyword: give words or phrases separated by commas/);
    }
    const named = await sluice(dir, ['interests', 'add', 'Volcanoes']);
    assert.equal(named.code, 0, named.stderr);
    assert.match(named.stdout, /Added interest "Volcanoes" \(1 term\)/);
    // Many words not used: the first few named, the rest counted (all of them in "interests show").
    const common = ['the', 'and', 'of', 'to', 'in', 'for', 'with', 'on'];
    const stop = await sluice(dir, ['interests', 'add', 'Magma chambers', '--keywords', common.join(', ')]);
    assert.equal(stop.code, 0, stop.stderr);
    assert.match(stop.stdout, /; not used: the \(stoplist\), and \(stoplist\), of \(stoplist\), to \(stoplist\), in \(stoplist\) and 3 more\)\. See its terms/);
    // The Advanced view lists every term the user's words made, however many.
    const keywords = Array.from({ length: 60 }, (_, i) => `lava${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    assert.equal((await sluice(dir, ['interests', 'add', 'Lava', '--keywords', keywords.join(', ')])).code, 0);
    const show = await sluice(dir, ['interests', 'show', 'Lava']);
    for (const k of keywords) assert.match(show.stdout, new RegExp(`\\n${k} `), k);
    const offset = await sluice(dir, ['feed', '--offset', '0', '--json']);
    assert.equal(offset.code, 0, offset.stderr);
    assert.deepEqual(JSON.parse(offset.stdout), []);
    const negative = await sluice(dir, ['feed', '--offset', '-1']);
    assert.equal(negative.code, 2);
    assert.match(negative.stderr, /^sluice: --offset needs a value \(to give one starting with "-", write --offset=-1\)\n/);
    const negativeValue = await sluice(dir, ['feed', '--offset=-1']);
    assert.equal(negativeValue.code, 2);
    assert.match(negativeValue.stderr, /--offset must be a whole number \(0 or more\), not "-1"/);
    const missing = await sluice(dir, ['feed', '--limit']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^sluice: --limit needs a value\n/);
    const flag = await sluice(dir, ['feed', '--json=yes']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /^sluice: --json takes no value\n/);
  });

  it('shows a post without a title or text by its address', async () => {
    // An item with a link only: the parser has nothing to make a title of.
    const items = '<item><guid>bare</guid><link>https://blog.example/bare</link></item>' +
      '<item><guid>titled</guid><title>Compost for the garden</title><link>https://blog.example/titled</link><description>Garden soil.</description></item>';
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>${items}</channel></rss>`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const data = join(dir, 'untitled');
      assert.equal((await sluice(data, ['feeds', 'add', `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`])).code, 0);
      const list = await sluice(data, ['posts', 'list']);
      assert.match(list.stdout, /Blog {2}\(no title\) https:\/\/blog\.example\/bare\n/);
      const id = (JSON.parse((await sluice(data, ['posts', 'list', '--json'])).stdout) as { id: number; title: string }[]).find((p) => p.title === '')?.id;
      assert.ok(id);
      const like = await sluice(data, ['feedback', String(id), 'like']);
      assert.equal(like.code, 0, like.stderr);
      assert.equal(like.stdout.split('\n')[0], `Recorded like for post ${id} (no title).`);
    } finally {
      server.close();
    }
  });
});
