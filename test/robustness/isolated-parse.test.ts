import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIsolated } from './isolated-parse.ts';

const misbehaving = new URL('./fixtures/misbehaving-parser.ts', import.meta.url);

test('each kind of failure is reported against its document, and the documents after it still run', async () => {
  const bodies = ['ok 1', 'hang', 'ok 2', 'throw', 'refuse', 'exhaust memory', 'ok 3'];
  const outcomes = await parseIsolated(
    bodies.map((body, i) => ({
      name: `doc ${i}`,
      body: i % 2 ? body : new TextEncoder().encode(body),
      opts: {},
      // Filling a heap takes a while (the collector works hard near the cap): only the hang is timed out.
      hangAfterMs: body === 'exhaust memory' ? 60_000 : undefined,
    })),
    { hangAfterMs: 500, maxHeapMb: 64, parserModule: misbehaving },
  );
  assert.deepEqual(
    outcomes.map((o) => o.kind),
    ['parsed', 'hung', 'parsed', 'threw', 'not-a-feed', 'out-of-memory', 'parsed'],
  );
  const titles = outcomes.flatMap((o) => (o.kind === 'parsed' ? [o.feed.title] : []));
  assert.deepEqual(titles, ['ok 1', 'ok 2', 'ok 3']);
  const hung = outcomes[1];
  assert.ok(hung.ms >= 500, `declared hung after ${hung.ms} ms`);
  const threw = outcomes[3];
  assert.ok(threw.kind === 'threw' && threw.error.startsWith('TypeError: cannot read properties'), JSON.stringify(threw));
});

test('long strings are cut before they are copied back, but counted in full', async () => {
  const [outcome] = await parseIsolated([{ name: 'long', body: 'x'.repeat(5000), opts: {}, trimStringsOver: 100 }], {
    hangAfterMs: 5000,
    maxHeapMb: 64,
    parserModule: misbehaving,
  });
  assert.equal(outcome.kind, 'parsed');
  if (outcome.kind !== 'parsed') return;
  assert.ok(outcome.feed.title!.startsWith('x'.repeat(100) + '…[4900 more chars]'));
  assert.ok(outcome.outputChars >= 5000);
});
