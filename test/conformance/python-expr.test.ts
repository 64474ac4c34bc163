import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, parsePython, PythonSyntaxError, SkipExpectation, truthy, type Scope } from './python-expr.ts';

/** A scope over plain objects: names from `vars`, `x[k]` as property access, == as deep equality. */
function scopeOf(vars: Record<string, unknown>): Scope {
  return {
    name(name) {
      if (name === 'skipme') throw new SkipExpectation('not modeled');
      if (!(name in vars)) throw new Error(`NameError: ${name}`);
      return vars[name];
    },
    item(obj, key) {
      const value = Array.isArray(obj) && typeof key === 'number' ? obj.at(key) : (obj as Record<string, unknown>)[key as string];
      if (value === undefined) throw new Error(`KeyError: ${String(key)}`);
      return value;
    },
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
    text: (v) => (typeof v === 'string' ? v : undefined),
  };
}

function run(source: string, vars: Record<string, unknown> = {}): unknown {
  const scope = scopeOf(vars);
  return truthy(evaluate(parsePython(source), scope), scope);
}

describe('python expression subset', () => {
  const view = { bozo: 0, feed: { title: 'Example', tags: [{ term: 'a' }, { term: 'b' }] }, entries: [{ title: 'x' }] };

  test('the common feedparser shape', () => {
    assert.equal(run("not bozo and feed['title'] == 'Example'", view), true);
    assert.equal(run("not bozo and feed['title'] == u'Other'", view), false);
    assert.equal(run('bozo', view), false);
  });

  test('indexing, attributes, len, negative index', () => {
    assert.equal(run("len(feed['tags']) == 2 and feed.tags[-1]['term'] == 'b'", view), true);
    assert.equal(run("entries[0].title == 'x'", view), true);
  });

  test('string escapes, prefixes, triple quotes and concatenation', () => {
    assert.equal(run("feed['title'] == 'Ex' + 'ample'", view), true);
    assert.equal(run("'\\xa3\\u201c' == '£\u201c'"), true);
    assert.equal(run("u'\\U0001F600' == '\u{1F600}'"), true);
    assert.equal(run(`'''a 'quoted' b''' == "a 'quoted' b"`), true);
    assert.equal(run("ord('\\u2026') == 8230"), true);
  });

  test('tuples, dicts, None, in, is', () => {
    assert.equal(run('(2003, 12, 31) == (2003, 12, 31)'), true);
    assert.equal(run("{} == {} and None is None and 'a' in 'cat'"), true);
    assert.equal(run("'z' not in 'cat' and not 'a' in 'xyz'"), true);
    assert.equal(run('-1 < 0 <= 0'), true);
  });

  test('or short-circuits, and a skip propagates only when reached', () => {
    assert.equal(run('1 or skipme'), true);
    assert.throws(() => run('1 and skipme'), SkipExpectation);
  });

  test('get and has_key on dicts', () => {
    assert.equal(run("feed.get('missing', 'd') == 'd' and feed.has_key('title')", view), true);
  });

  test('syntax it does not know is an error, not a silent pass', () => {
    assert.throws(() => parsePython('lambda x: x'), PythonSyntaxError);
    assert.throws(() => parsePython("feed['title'] =="), PythonSyntaxError);
  });
});
