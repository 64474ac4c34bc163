import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinEmbedder } from './builtin.ts';
import { gloveTable } from './glove/table.ts';
import { StreamVocabulary } from './stream-vocabulary.ts';
import { seededRandom } from '../seeded-random.ts';

const table = gloveTable();
const COMPUTING = 'gpu gpus inference cuda nvidia chip chips processor memory training model models kernel server servers compute hardware accelerator latency throughput'.split(' ');
const SPORTS = 'football match goal league striker season coach stadium team players fans cup referee penalty'.split(' ');
const random = seededRandom(11);
const pick = (list: string[]) => list[Math.floor(random() * list.length)];
let nextId = 1;
const post = (words: string[], extra = '') => ({ id: nextId++, title: '', text: `${Array.from({ length: 30 }, () => pick(words)).join(' ')} ${extra}` });

test('a new word gets a vector at a refresh, which names it and the posts read with it', () => {
  const vocabulary = StreamVocabulary.create(table, { minFitWords: Infinity });
  const early = post(COMPUTING, 'zorbleflux');
  vocabulary.read([early, post(SPORTS)]);
  assert.equal(vocabulary.refresh().words.has('zorbleflux'), false, 'seen once: no vector yet');
  const later = Array.from({ length: 20 }, () => post(COMPUTING, 'the zorbleflux chip'));
  vocabulary.read([...later, post(SPORTS)]);
  assert.equal(vocabulary.induced('zorbleflux'), undefined, 'frozen until the refresh');
  const change = vocabulary.refresh();
  assert.ok(change.words.has('zorbleflux'));
  assert.ok(vocabulary.induced('zorbleflux'));
  assert.ok([early, ...later].every((p) => change.postIds.includes(p.id)), 'also the post read before the word had a vector');
  // Its vector is about computing; a text with it embeds near computing now.
  const embedder = new BuiltinEmbedder({ oov: vocabulary });
  const v = embedder.embedText('zorbleflux');
  assert.ok(embedder.embedText('gpu chips').reduce((s, x, i) => s + x * v[i], 0) > embedder.embedText('football league').reduce((s, x, i) => s + x * v[i], 0));
  // Nothing read since: nothing changes.
  assert.deepEqual(vocabulary.refresh(), { words: new Set(), postIds: [] });
});

test('a word whose vector barely moved keeps its frozen vector bit for bit', () => {
  const vocabulary = StreamVocabulary.create(table, { minFitWords: Infinity });
  vocabulary.read(Array.from({ length: 200 }, () => post(COMPUTING, 'zorbleflux')));
  vocabulary.refresh();
  const frozen = vocabulary.induced('zorbleflux')!.vector;
  vocabulary.read([post(COMPUTING, 'zorbleflux')]);
  const change = vocabulary.refresh();
  assert.equal(change.words.has('zorbleflux'), false);
  assert.equal(vocabulary.induced('zorbleflux')!.vector, frozen);
});

test('save and load give the same frozen vectors, learner and reading position', () => {
  const vocabulary = StreamVocabulary.create(table, { minFitWords: Infinity });
  vocabulary.read(Array.from({ length: 30 }, () => post(COMPUTING, 'zorbleflux rust')));
  vocabulary.refresh();
  vocabulary.read([post(COMPUTING, 'zorbleflux')]); // read after the freeze: the learner has it, the embedder not yet
  const loaded = StreamVocabulary.load(table, vocabulary.save(), { minFitWords: Infinity });
  assert.equal(loaded.readUpTo, vocabulary.readUpTo);
  assert.equal(loaded.size, vocabulary.size);
  assert.deepEqual(loaded.induced('zorbleflux'), vocabulary.induced('zorbleflux'));
  const [a, b] = [new BuiltinEmbedder({ oov: vocabulary }), new BuiltinEmbedder({ oov: loaded })];
  assert.deepEqual(a.embedText('zorbleflux rust servers'), b.embedText('zorbleflux rust servers'));
  assert.equal(loaded.learner.count('zorbleflux'), vocabulary.learner.count('zorbleflux'));
  assert.throws(() => StreamVocabulary.load(table, vocabulary.save().subarray(0, 100)), /stream vocabulary: truncated/);
  assert.throws(() => StreamVocabulary.load(table, new Uint8Array(40)), /bad magic/);
});

test('after a restart, a new word’s vector still finds the posts read with it before', () => {
  const vocabulary = StreamVocabulary.create(table, { minFitWords: Infinity });
  const early = [post(COMPUTING, 'the frobnitz chip'), post(COMPUTING, 'frobnitz servers')];
  vocabulary.read(early);
  vocabulary.refresh();
  const loaded = StreamVocabulary.load(table, vocabulary.save(), { minFitWords: Infinity });
  const later = Array.from({ length: 5 }, () => post(COMPUTING, 'frobnitz'));
  loaded.read(later);
  const change = loaded.refresh();
  assert.ok(change.words.has('frobnitz'));
  assert.deepEqual(change.postIds.filter((id) => early.some((p) => p.id === id)), early.map((p) => p.id));
});
