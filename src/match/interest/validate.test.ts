import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INTEREST_LIMITS, parseKeywordList, shownName, validateInterest } from './validate.ts';

describe('interest validation', () => {
  it('splits keyword lists on commas, tidying and de-duplicating', () => {
    assert.deepEqual(parseKeywordList(' F1, grand   prix,,f1 , Monaco '), ['F1', 'grand prix', 'Monaco']);
    assert.deepEqual(parseKeywordList(''), []);
  });

  it('tidies a good interest', () => {
    assert.deepEqual(validateInterest({ name: '  Formula  One ', description: ' ', keywords: ['F1', ' f1', 'pit stop'] }), {
      name: 'Formula One',
      description: undefined,
      keywords: ['F1', 'pit stop'],
    });
  });

  it('refuses empty and huge interests with a clear message', () => {
    assert.throws(() => validateInterest({ name: ' ', keywords: [] }), /needs a name/);
    assert.throws(() => validateInterest({ name: 'x'.repeat(201), keywords: [] }), /longer than 200/);
    const many = Array.from({ length: INTEREST_LIMITS.keywords + 1 }, (_, i) => `k${i}`);
    assert.throws(() => validateInterest({ name: 'Many', keywords: many }), /at most 500/);
    assert.throws(() => validateInterest({ name: 'Long', keywords: ['y'.repeat(101)] }), /longer than 100/);
  });

  it('quotes a name in messages whole when it could be one, else its start and length', () => {
    assert.equal(shownName('Formula One'), 'Formula One');
    assert.equal(shownName('x'.repeat(100_000)), `${'x'.repeat(40)}… (100000 characters)`);
    assert.throws(() => validateInterest({ name: 'y'.repeat(5000), keywords: [] }), (err: Error) => err.message.length < 120);
  });
});
