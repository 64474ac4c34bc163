import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agNewsText, csvFields } from './agnews-jsonl.ts';

test('csvFields: plain and quoted fields, doubled quotes, commas inside quotes; broken quoting is null', () => {
  assert.deepEqual(csvFields('3,Fears for T N pension after talks,Unions say'), ['3', 'Fears for T N pension after talks', 'Unions say']);
  assert.deepEqual(csvFields('4,"Storage, servers bruise HP earnings","a ""Music Manifesto"" campaign"'), ['4', 'Storage, servers bruise HP earnings', 'a "Music Manifesto" campaign']);
  assert.deepEqual(csvFields('1,,'), ['1', '', '']);
  assert.equal(csvFields('2,"unterminated'), null);
  assert.equal(csvFields('2,"closed"junk,x'), null);
});

test("agNewsText: AG News's escapes become plain text", () => {
  assert.equal(agNewsText('the  #36;10 million\\\\prize'), 'the $10 million prize');
  assert.equal(agNewsText('In  quot;helping themselves, quot; Ricky'), 'In "helping themselves," Ricky');
  assert.equal(agNewsText('Broadcom Corp. &lt;BRCM.O&gt;, on'), 'Broadcom Corp. <BRCM.O>, on');
});
