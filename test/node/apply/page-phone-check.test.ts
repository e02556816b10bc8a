// Issue 27.7: the apply page's own check (src/elements/recrubo-apply/phone.ts) agrees with the server's
// (src/proxy/apply/phone.ts, libphonenumber-js) on landlines and mobiles of the countries the page knows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mayBeMobile, normalizePhone } from '../../../src/elements/recrubo-apply/phone.ts';
import { parsePhone } from '../../../src/proxy/apply/phone.ts';

const CASES: [string, string][] = [
  ['020 1234567', 'NL'],
  ['010 1234567', 'NL'],
  ['070 1234567', 'NL'],
  ['06 12345678', 'NL'],
  ['06 81234567', 'NL'],
  ['+31 6 12345678', 'NL'],
  ['02 123 45 67', 'BE'],
  ['0470 12 34 56', 'BE'],
  ['030 1234567', 'DE'],
  ['01512 3456789', 'DE'],
  ['0171 1234567', 'DE'],
  ['020 1234 5678', 'GB'],
  ['07400 123456', 'GB'],
  ['01 23 45 67 89', 'FR'],
  ['06 12 34 56 78', 'FR'],
];

test('a landline the server refuses is refused by the page too; a mobile passes both', () => {
  for (const [input, country] of CASES) {
    const server = parsePhone(input, country);
    if ('problem' in server && server.problem === 'invalid') continue; // the page leaves that to the server
    const serverAccepts = !('problem' in server);
    assert.equal(mayBeMobile(normalizePhone(input, country)), serverAccepts, `${input} (${country})`);
  }
});

test('the numbers of the issue: 020 1234567 is refused by the page, 06 12345678 is not', () => {
  assert.equal(mayBeMobile(normalizePhone('020 1234567', 'NL')), false);
  assert.equal(mayBeMobile(normalizePhone('06 12345678', 'NL')), true);
  assert.equal(mayBeMobile('+15551234567'), true, 'a country the page does not know: the server decides');
});
