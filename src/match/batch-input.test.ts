import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BatchInputError, parseInterests, parsePostLines } from './batch-input.ts';

test('parsePostLines: JSON lines, blank lines skipped, numeric ids as strings, missing text empty', () => {
  const posts = parsePostLines('{"id":1,"title":"A","text":"x"}\n\n{"id":"b","title":"B"}\n', 'p.jsonl');
  assert.deepEqual(posts, [{ id: '1', title: 'A', text: 'x' }, { id: 'b', title: 'B', text: '' }]);
});

test('parsePostLines: a bad line is named by file and line number', () => {
  assert.throws(() => parsePostLines('{"id":1}\n{bad\n', 'p.jsonl'), (err: unknown) =>
    err instanceof BatchInputError && err.line === 2 && /^p\.jsonl line 2: not valid JSON/.test(err.message));
  assert.throws(() => parsePostLines('{"title":"no id"}', 'p.jsonl'), /line 1: "id" is missing/);
  assert.throws(() => parsePostLines('[1]', 'p.jsonl'), /line 1: expected an object/);
  assert.throws(() => parsePostLines('{"id":1}\n{"id":"1"}', 'p.jsonl'), /line 2: id "1" appears twice/);
  assert.throws(() => parsePostLines('\n\n', 'p.jsonl'), /p\.jsonl: no posts/);
});

test('parseInterests: names, keywords, optional description; empty and malformed files refused', () => {
  assert.deepEqual(parseInterests('[{"name":" AI ","keywords":["llm"],"description":"d"},{"name":"F1"}]', 'i.json'), [
    { name: 'AI', keywords: ['llm'], description: 'd' },
    { name: 'F1', keywords: [] },
  ]);
  assert.throws(() => parseInterests('[]', 'i.json'), /i\.json: no interests/);
  assert.throws(() => parseInterests('{', 'i.json'), /i\.json: not valid JSON/);
  assert.throws(() => parseInterests('{}', 'i.json'), /expected a JSON array/);
  assert.throws(() => parseInterests('[{"keywords":[]}]', 'i.json'), /interest 1 has no "name"/);
  assert.throws(() => parseInterests('[{"name":"A","keywords":"x"}]', 'i.json'), /"keywords" must be a list of strings/);
  assert.throws(() => parseInterests('[{"name":"A"},{"name":"A"}]', 'i.json'), /"A" appears twice/);
});
