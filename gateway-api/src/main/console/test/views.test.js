// Pure parts of the views (Node): the XML preview keeps every byte of text and only indents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prettyXml } from '../src/app/invoice-view.js';
import { mayUse } from '../src/app/api.js';

test('prettyXml indents nested elements and keeps the text', () => {
  const xml = '<?xml version="1.0"?><a><b x="1">t&amp;<![CDATA[<c>]]></b><d/></a>';
  const out = prettyXml(xml);
  assert.deepEqual(out.split('\n'), ['<?xml version="1.0"?>', '<a>', '  <b x="1">t&amp;<![CDATA[<c>]]>', '  </b>',
    '  <d/>', '</a>']);
  assert.equal(out.replace(/\n\s*/g, ''), xml);
});

test('prettyXml leaves already indented XML alone', () => {
  const xml = '<a>\n  <b/>\n</a>';
  assert.equal(prettyXml(xml), xml);
});

test('views are for their roles only', () => {
  const as = (role) => ({ roles: [role] });
  assert.equal(mayUse('operator', as('operator')), true);
  assert.equal(mayUse('operator', as('enterprise')), false);
  assert.equal(mayUse('operator', as('auditor')), false);
  assert.equal(mayUse('upload', as('enterprise')), true);
  assert.equal(mayUse('upload', as('auditor')), false);
  assert.equal(mayUse('search', as('auditor')), true);
  assert.equal(mayUse('search', null), false);
  assert.equal(mayUse('verify', null), true);
});
