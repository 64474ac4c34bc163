// Real feeds from the shared corpora, parsed by the parse stage and cleaned: every post must come
// out safe and well-formed whatever the feed put in it. Skips when the corpora are absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeed } from '../parse/index.ts';
import { toPost } from './to-post.ts';
import { unsafeConstructs } from './unsafe-constructs.ts';

const CORPORA = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));
const FOLDERS = ['feedjira-samples', 'rss-parser/test/input', 'feed-rs/feed-rs/fixture', 'feedparser/tests/wellformed/sanitize'];

function feedFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...feedFiles(path));
    else if (/\.(xml|rss|atom|rdf|json)$/.test(name) && !name.includes('.serde.')) files.push(path);
  }
  return files;
}

test('every post from real feeds is safe and well-formed', (t) => {
  if (!existsSync(CORPORA)) {
    t.skip(`corpora not found at ${CORPORA}`);
    return;
  }
  let feeds = 0;
  let posts = 0;
  for (const folder of FOLDERS) {
    const dir = join(CORPORA, folder);
    if (!existsSync(dir)) continue;
    for (const file of feedFiles(dir)) {
      const url = `https://feeds.example/${folder}/${file.slice(dir.length + 1)}`;
      let parsed;
      try {
        parsed = parseFeed(readFileSync(file), { url });
      } catch {
        continue; // not a feed, or one the parser refuses: the parse stage's tests judge that
      }
      feeds++;
      for (const entry of parsed.entries) {
        const post = toPost(entry, { url, siteUrl: parsed.siteUrl });
        const where = `${file} entry ${entry.id}`;
        assert.deepEqual(unsafeConstructs(post.contentHtml), [], `${where}\n${post.contentHtml}`);
        assert.match(post.simhash, /^[0-9a-f]{16}$/, where);
        assert.doesNotMatch(post.title, /\n/, where);
        if (post.link !== undefined) assert.match(post.link, /^https?:\/\//, where);
        if (post.url !== undefined) assert.doesNotMatch(post.url, /[?&]utm_|#/, where);
        for (const enclosure of post.enclosures) assert.match(enclosure.url, /^https?:\/\//, where);
        for (const author of post.authors) if (author.uri !== undefined) assert.match(author.uri, /^(https?|mailto):/, where);
        posts++;
      }
    }
  }
  assert.ok(feeds > 500 && posts > 3000, `only ${feeds} feeds and ${posts} posts were checked`);
  t.diagnostic(`${posts} posts from ${feeds} feeds`);
});
