// Issue #3, "Bad input": an embedder endpoint that is down or returns garbage — clear warnings, the
// built-in embedder takes over, nothing lost. bin/sluice with SLUICE_EMBEDDER=openai against
// endpoints on loopback: one never listening, one that answers the dimension probe and then garbage
// (a model swapped or unloaded between commands).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sluice } from './run.ts';

const posts: [string, string, string][] = [
  ['f1', 'Verstappen wins the Monaco Grand Prix', 'The Formula One race ended with a pit stop drama as the Red Bull driver took the chequered flag.'],
  ['f1b', 'Formula One teams test new tyres', 'Pirelli brought softer compounds; drivers complained about grip in the race simulation and qualifying.'],
  ['van', 'Converting a camper van for winter trips', 'Insulation, a diesel heater and solar panels make a camper van comfortable on cold nights.'],
  ['bake', 'A sourdough bread recipe', 'Flour, water, salt and a starter: knead the dough, let it rise overnight and bake it.'],
  ['bank', 'Central bank raises interest rates', 'Inflation stayed high so the bank raised rates again; markets fell and mortgage costs rose.'],
];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

describe('sluice with a failing embedder endpoint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-embedder-'));
  const feeds = createServer((_req, res) => {
    const items = posts.map(([id, title, body], i) =>
      `<item><guid>${id}</guid><title>${title}</title><link>https://news.example/${id}</link><pubDate>${new Date(Date.now() - (i + 1) * 3600_000).toUTCString()}</pubDate><description>${body}</description></item>`);
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>${items.join('')}</channel></rss>`);
  });
  // Answers the one-text dimension probe, then a reply with no "data" list.
  const swapped = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const input = (JSON.parse(body) as { input: string[] }).input;
      const reply = input.length === 1 && input[0] === 'dimension probe' ? { data: [{ index: 0, embedding: [0.1, 0.2, 0.3, 0.4] }] } : { data: 'garbage' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  let feedUrl = '';
  let swappedUrl = '';
  let downUrl = '';
  before(async () => {
    feedUrl = `${await listen(feeds)}/feed.xml`;
    swappedUrl = `${await listen(swapped)}/v1`;
    // A port that was just free: nothing listens there.
    const probe = createServer();
    downUrl = `${await listen(probe)}/v1`;
    await new Promise((resolve) => probe.close(resolve));
  });
  after(() => {
    feeds.close();
    swapped.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [what, url] of [['down', () => downUrl], ['returning garbage', () => swappedUrl]] as const) {
    it(`endpoint ${what}: every command warns, exits 0, and the built-in embedder scores`, async () => {
      const data = join(dir, what.replace(/\W/g, '-'));
      const env = { SLUICE_EMBEDDER: 'openai', SLUICE_EMBEDDER_URL: url(), SLUICE_EMBEDDER_MODEL: 'test-model' };
      const runs = [
        await sluice(data, ['feeds', 'add', feedUrl], env),
        await sluice(data, ['interests', 'add', 'Formula One racing', '--keywords', 'F1, grand prix, pit stop'], env),
        await sluice(data, ['feed', '--json'], env),
      ];
      for (const r of runs) {
        assert.equal(r.code, 0, r.stderr);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      }
      // Said on stderr, naming the embedder, the endpoint and what the built-in one does.
      const warnings = runs.map((r) => r.stderr).join('');
      assert.match(warnings, /^sluice: warning: embedder openai:test-model@1: http:\/\/127\.0\.0\.1:\d+\/v1\/embeddings.*built-in embedder/m);
      assert.match(runs[0].stdout, /5 new posts/, 'nothing lost: every post stored');
      const feed = JSON.parse(runs[2].stdout) as { url: string; interest: string }[];
      assert.deepEqual(feed.map((i) => i.url.split('/').pop()).sort(), ['f1', 'f1b']);
    });
  }
});
