import { test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialsOf, withCredentials, withoutCredentials } from './url-credentials.ts';

test('userinfo becomes a Basic header, percent-decoded first', () => {
  const c = credentialsOf('https://me%40home:p%3Ass%20w@feeds.example/private.xml');
  assert.ok(c);
  assert.equal(c.origin, 'https://feeds.example');
  assert.equal(c.username, 'me@home');
  assert.equal(c.password, 'p:ss w');
  assert.equal(Buffer.from(c.authorization.slice('Basic '.length), 'base64').toString(), 'me@home:p:ss w');
});

test('URLs without userinfo, or unparsable, have no credentials', () => {
  assert.equal(credentialsOf('https://feeds.example/feed'), undefined);
  assert.equal(credentialsOf('not a url'), undefined);
});

test('credentials are stripped for reporting and restored only on their own origin', () => {
  assert.equal(withoutCredentials(new URL('https://u:p@feeds.example/a')).href, 'https://feeds.example/a');
  const c = credentialsOf('https://me%40home:p%3Ass%20w@feeds.example/old');
  assert.equal(withCredentials('https://feeds.example/new', c), 'https://me%40home:p%3Ass%20w@feeds.example/new');
  assert.equal(withCredentials('https://elsewhere.example/new', c), 'https://elsewhere.example/new');
  assert.equal(withCredentials('https://feeds.example/new', undefined), 'https://feeds.example/new');
});
