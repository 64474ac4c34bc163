import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDate } from './date.ts';

const iso = (s: string) => parseDate(s)?.toISOString();

test('RFC 822 and its common deviations', () => {
  assert.equal(iso('Wed, 02 Oct 2002 13:00:00 GMT'), '2002-10-02T13:00:00.000Z');
  assert.equal(iso('Wed, 02 Oct 2002 15:00:00 +0200'), '2002-10-02T13:00:00.000Z');
  assert.equal(iso('Wed, 02 Oct 2002 08:00:00 EST'), '2002-10-02T13:00:00.000Z');
  assert.equal(iso('2 Oct 02 13:00 GMT'), '2002-10-02T13:00:00.000Z');
  assert.equal(iso('Wed, 02 Oct 2002 13:00:00'), '2002-10-02T13:00:00.000Z');
  assert.equal(iso('Wed, 02 Sept 2002 13:00:00 +02:00'), '2002-09-02T11:00:00.000Z');
  assert.equal(iso('Wednesday, 02-Oct-2002 13:00:00 UT'), '2002-10-02T13:00:00.000Z');
  assert.equal(iso('Oct 2, 2002 13:00:00 GMT'), '2002-10-02T13:00:00.000Z');
});

test('RFC 3339 / W3C-DTF, reduced precision and compact forms', () => {
  assert.equal(iso('2003-12-31T10:14:55Z'), '2003-12-31T10:14:55.000Z');
  assert.equal(iso('2003-12-31T10:14:55.25-08:00'), '2003-12-31T18:14:55.250Z');
  assert.equal(iso('2003-12-31 10:14:55+0100'), '2003-12-31T09:14:55.000Z');
  assert.equal(iso('2003-12-31T10:14Z'), '2003-12-31T10:14:00.000Z');
  assert.equal(iso('2003-12-31'), '2003-12-31T00:00:00.000Z');
  assert.equal(iso('2003-12'), '2003-12-01T00:00:00.000Z');
  assert.equal(iso('2003'), '2003-01-01T00:00:00.000Z');
  assert.equal(iso('20031231T101455Z'), '2003-12-31T10:14:55.000Z');
});

test('unreadable or impossible dates give undefined', () => {
  assert.equal(parseDate(''), undefined);
  assert.equal(parseDate(undefined), undefined);
  assert.equal(parseDate('yesterday'), undefined);
  assert.equal(parseDate('2003-02-31T00:00:00Z'), undefined);
  assert.equal(parseDate('Wed, 32 Oct 2002 13:00:00 GMT'), undefined);
  assert.equal(parseDate('Wed, 02 Foo 2002 13:00:00 GMT'), undefined);
});

test('dates in other languages, Unix seconds, a one-digit offset minute', () => {
  assert.equal(iso('Seg, 24 Set 2018 19:42:40 -0300'), '2018-09-24T22:42:40.000Z');
  assert.equal(iso('Di, 02 Dez 2003 10:00:00 +0100'), '2003-12-02T09:00:00.000Z');
  assert.equal(iso('1518478934'), '2018-02-12T23:42:14.000Z');
  assert.equal(iso('2017-06-13T03:18:00+00:0'), '2017-06-13T03:18:00.000Z');
});

test('RFC 822 time without its colon', () => {
  assert.equal(iso('03 Apr 02 1500 GMT'), '2002-04-03T15:00:00.000Z');
});
