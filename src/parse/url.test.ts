import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseOf, languageOf, resolveUrl } from './url.ts';
import { parseXml } from './xml.ts';

test('relative URLs resolve against the base; absolute and non-http ones are kept', () => {
  assert.equal(resolveUrl('../a', 'http://e.com/x/y/'), 'http://e.com/x/a');
  assert.equal(resolveUrl(' /a ', 'http://e.com/x/'), 'http://e.com/a');
  assert.equal(resolveUrl('https://o.com/', 'http://e.com/'), 'https://o.com/');
  assert.equal(resolveUrl('mailto:a@b.c', 'http://e.com/'), 'mailto:a@b.c');
  assert.equal(resolveUrl('/a', undefined), '/a');
});

test('xml:base nests, is repaired when it has three slashes, and refused when it is not a web URL', () => {
  const base = (xml: string, inherited?: string) => baseOf(parseXml(xml).root!, inherited);
  assert.equal(base('<a xml:base="sub/"/>', 'http://e.com/x/'), 'http://e.com/x/sub/');
  assert.equal(base('<a xml:base="http:///e.com/y/"/>'), 'http://e.com/y/');
  assert.equal(base('<a xml:base="javascript:alert(1)"/>', 'http://e.com/'), 'http://e.com/');
  assert.equal(base('<a/>', 'http://e.com/'), 'http://e.com/');
});

test('xml:lang: inherited, blank means none, underscores become hyphens', () => {
  const lang = (xml: string, inherited?: string) => languageOf(parseXml(xml).root!, inherited);
  assert.equal(lang('<a/>', 'en'), 'en');
  assert.equal(lang('<a xml:lang=""/>', 'en'), undefined);
  assert.equal(lang('<a xml:lang="en_US"/>'), 'en-US');
});
