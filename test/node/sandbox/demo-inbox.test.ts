// The inbox demo's intro names numbers to search for: each must find the named candidate's conversation in the
// demo's own tenant (seeded as demo/inbox.html seeds it), and the intro must not promise a name search beyond the
// loaded rows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import { call, control, start } from './helpers.ts';

const page = readFileSync(new URL('../../../demo/inbox.html', import.meta.url), 'utf8');
const intro = page.slice(page.indexOf('<h1>Inbox</h1>'), page.indexOf('<div class="toolbar">')).replace(/\s+/g, ' ');

describe('demo/inbox.html: the search examples', () => {
  let s: RunningSandbox;
  before(async () => (s = await start()));
  after(() => s.close());
  const api = (path: string) => call(s.url, `/__sandbox/inbox-demo/public/v2${path}`);

  it('every “06 …” number in the intro finds the conversation of the candidate named after it', async () => {
    await control(s.url, 'inbox-demo', { seedConversations: 300 });
    const examples = [...intro.matchAll(/“(06 \d{4} \d{4})” finds ([A-Z][a-z]+(?: [a-z]+)? [A-Z][a-z]+)/g)];
    assert.ok(examples.length >= 1, `no example number in: ${intro}`);
    for (const [, number, name] of examples) {
      const identifier = `31${number!.replace(/\s/g, '').slice(1)}`;
      const threads = (await api(`/message-threads?filter[identifier]=${identifier}`)).body.data;
      assert.equal(threads.length, 1, `${number}: one thread`);
      const convs = (await api(`/conversations?filter[messageThreadId]=${threads[0].id}`)).body.data;
      assert.equal(convs.length, 1, `${number}: one conversation`);
      const cand = (await api(`/candidates/${convs[0].attributes.candidateId}`)).body.data.attributes;
      assert.equal(`${cand.firstName} ${cand.lastName}`, name, number);
    }
  });

  it('says that a name search covers the loaded conversations only', () => {
    assert.match(intro, /filters only the conversations loaded so far by name/);
  });
});
