import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import { call, control, start, UUID } from './helpers.ts';

describe('sandbox inbox: candidates, conversations, counters, activity', () => {
  let s: RunningSandbox;
  before(async () => (s = await start()));
  after(() => s.close());
  const api = (tenant: string, path: string, init?: Parameters<typeof call>[2]) =>
    call(s.url, `/__sandbox/${tenant}/public/v2${path}`, init);

  it('seeds candidates with Dutch mobile numbers for most threads, and one conversation per linked thread', async () => {
    const { seed } = await control(s.url, 'in-seed', {});
    const threads = (await api('in-seed', '/message-threads?page[size]=100')).body.data;
    const linked = threads.filter((t: any) => t.attributes.candidateId);
    assert.ok(linked.length > threads.length / 2, 'most threads have a candidate');
    assert.ok(linked.length < threads.length, 'some threads have none');
    assert.deepEqual(
      seed.inbox.threadsWithoutCandidate.sort(),
      threads
        .filter((t: any) => !t.attributes.candidateId)
        .map((t: any) => t.id)
        .sort(),
    );
    const convs = (await api('in-seed', '/conversations?page[size]=100')).body.data;
    assert.equal(convs.length, linked.length);
    const cands = (await api('in-seed', '/candidates?page[size]=100')).body.data;
    for (const c of cands) assert.match(c.attributes.phone, /^316\d{8}$/);
    const one = await api('in-seed', `/candidates/${cands[0].id}?include=candidateStatus`);
    assert.equal(one.body.included[0].type, 'candidateStatuses');
    assert.equal(one.body.included[0].id, one.body.data.attributes.candidateStatusId);
  });

  it('sort=-updatedAt, filter[status], filter[unreadMessages], filter[messageThreadId], filter[candidateId]', async () => {
    // Nearly frozen simulated time: the live runs' candidates do not write between two requests.
    const { seed } = await control(s.url, 'in-filter', { speed: 0.0001 });
    const all = (await api('in-filter', '/conversations?sort=-updatedAt&page[size]=100')).body.data;
    assert.deepEqual(all.map((c: any) => c.id).sort(), [...seed.inbox.conversations].sort());
    const times = all.map((c: any) => Date.parse(c.attributes.updatedAt));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    const closed = (await api('in-filter', '/conversations?filter[status]=closed')).body.data;
    assert.deepEqual(closed.map((c: any) => c.id).sort(), [...seed.inbox.closed].sort());
    assert.ok(closed.length > 0);
    const unread = (await api('in-filter', '/conversations?filter[unreadMessages]=true&page[size]=100')).body.data;
    // Seeded unread ones, plus those whose live run's candidate has written since.
    assert.deepEqual(
      unread.map((c: any) => c.id).sort(),
      all
        .filter((c: any) => c.attributes.unreadMessages)
        .map((c: any) => c.id)
        .sort(),
    );
    for (const id of seed.inbox.unread) assert.ok(unread.some((c: any) => c.id === id));
    for (const c of unread) assert.ok(c.attributes.unreadMessagesCount > 0);
    const byThread = await api('in-filter', `/conversations?filter[messageThreadId]=${seed.conversations.long}`);
    assert.deepEqual(
      byThread.body.data.map((c: any) => c.id),
      [seed.inbox.byThread.long],
    );
    const cand = byThread.body.data[0].attributes.candidateId;
    const byCandidate = await api('in-filter', `/conversations?filter[candidateId]=${cand}`);
    assert.equal(byCandidate.body.data[0].id, seed.inbox.byThread.long);
    // A number finds its thread on message-threads (filter[identifier]), then its conversation by thread.
    const phone = (await api('in-filter', `/candidates/${cand}`)).body.data.attributes.phone;
    const thread = (await api('in-filter', `/message-threads?filter[identifier]=${phone}`)).body.data;
    assert.deepEqual(
      thread.map((t: any) => t.id),
      [seed.conversations.long],
    );
    // Batched candidates of a page.
    const ids = all.slice(0, 5).map((c: any) => c.attributes.candidateId);
    const batch = (await api('in-filter', `/candidates?filter[id]=${ids.join(',')}`)).body.data;
    assert.deepEqual(batch.map((c: any) => c.id).sort(), [...ids].sort());
  });

  it('pagination: 25 a page by default, meta says the total', async () => {
    await control(s.url, 'in-page', { seedConversations: 60, speed: 0.0001 });
    const first = await api('in-page', '/conversations?sort=-updatedAt');
    assert.equal(first.body.data.length, 25);
    const total = first.body.meta.total;
    assert.ok(total >= 60);
    const pages = [];
    for (let n = 1; n <= first.body.meta.maxPage; n++)
      pages.push(...(await api('in-page', `/conversations?sort=-updatedAt&page[number]=${n}`)).body.data);
    assert.equal(pages.length, total);
    assert.equal(new Set(pages.map((c: any) => c.id)).size, total, 'no row twice across pages');
  });

  it('counters: an inbound message raises them and moves updatedAt; a read PATCH resets them', async () => {
    // Nearly frozen simulated time: the live runs' candidates do not write meanwhile.
    const { seed } = await control(s.url, 'in-count', { speed: 0.0001 });
    const id = seed.inbox.byThread.stale;
    const before = (await api('in-count', `/conversations/${id}`)).body.data.attributes;
    await control(s.url, 'in-count', { inbound: { messageThreadId: seed.conversations.stale, text: 'Hallo?' } });
    await control(s.url, 'in-count', { inbound: { messageThreadId: seed.conversations.stale, text: 'Nog iemand?' } });
    const raised = (await api('in-count', `/conversations/${id}`)).body.data.attributes;
    assert.equal(raised.unreadMessagesCount, before.unreadMessagesCount + 2);
    assert.equal(raised.unreadMessages, true);
    assert.ok(Date.parse(raised.updatedAt) > Date.parse(before.updatedAt));
    const top = (await api('in-count', '/conversations?sort=-updatedAt&page[size]=1')).body.data[0];
    assert.equal(top.id, id, 'the written-to conversation is first by last activity');
    const read = await api('in-count', `/conversations/${id}`, {
      method: 'PATCH',
      body: { data: { type: 'conversations', id, attributes: { unreadMessages: false, unreadMessagesCount: 0 } } },
    });
    assert.equal(read.status, 200);
    assert.equal(read.body.data.attributes.unreadMessagesCount, 0);
    assert.equal(read.body.data.attributes.unreadMessages, false);
    const closed = await api('in-count', `/conversations/${id}`, {
      method: 'PATCH',
      body: { data: { type: 'conversations', id, attributes: { status: 'closed' } } },
    });
    assert.equal(closed.body.data.attributes.status, 'closed');
    const bad = await api('in-count', `/conversations/${id}`, {
      method: 'PATCH',
      body: { data: { type: 'conversations', id, attributes: { status: 'archived', messageThreadId: 'x' } } },
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: any) => e.source.pointer).sort(), [
      '/data/attributes/messageThreadId',
      '/data/attributes/status',
    ]);
    assert.equal((await api('in-count', '/conversations', { method: 'POST', body: {} })).status, 404);
  });

  it('candidates: POST needs only phone; PATCH answers 422 on the field; DELETE 204', async () => {
    const created = await api('in-cand', '/candidates', {
      method: 'POST',
      body: { data: { type: 'candidates', attributes: { phone: '31612345678' } } },
    });
    assert.equal(created.status, 201);
    assert.match(created.body.data.id, UUID);
    const id = created.body.data.id;
    const blank = await api('in-cand', '/candidates', {
      method: 'POST',
      body: { data: { type: 'candidates', attributes: { firstName: 'X' } } },
    });
    assert.equal(blank.status, 422);
    assert.equal(blank.body.errors[0].source.pointer, '/data/attributes/phone');
    const bad = await api('in-cand', `/candidates/${id}`, {
      method: 'PATCH',
      body: { data: { type: 'candidates', id, attributes: { firstName: 'Eva', email: 'not-an-email' } } },
    });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].source.pointer, '/data/attributes/email');
    const ok = await api('in-cand', `/candidates/${id}`, {
      method: 'PATCH',
      body: { data: { type: 'candidates', id, attributes: { firstName: 'Eva', email: 'eva@example.com' } } },
    });
    assert.equal(ok.body.data.attributes.firstName, 'Eva');
    assert.equal((await api('in-cand', `/candidates/${id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await api('in-cand', `/candidates/${id}`)).status, 404);
  });

  it('seedConversations: 10,000 seeds fast, and the first page answers fast', async () => {
    const t0 = performance.now();
    await control(s.url, 'in-many', { seedConversations: 10_000 });
    const seeded = performance.now() - t0;
    const t1 = performance.now();
    const page = await api('in-many', '/conversations?sort=-updatedAt&filter[status]=open');
    const first = performance.now() - t1;
    assert.ok(page.body.meta.total > 9000);
    assert.equal(page.body.data.length, 25);
    // Generous ceilings for a busy 2-core machine (the Node suite runs files side by side); the bench measures the
    // real numbers.
    assert.ok(seeded < 8000, `seeding took ${seeded} ms`);
    assert.ok(first < 4000, `first page took ${first} ms`);
    const refused = await fetch(`${s.url}/__sandbox/in-many/control`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seedConversations: 10_001 }),
    });
    assert.equal(refused.status, 422, 'outside its row of CONTROL_BOUNDS');
  });

  it('inbox activity: off by default; at 600 a minute candidates write and counters rise', async () => {
    const { seed, settings } = await control(s.url, 'in-act', {});
    assert.equal(settings.inboxActivity, undefined);
    const count = async () =>
      (await api('in-act', '/conversations?page[size]=100')).body.data.reduce(
        (n: number, c: any) => n + c.attributes.unreadMessagesCount,
        0,
      );
    const before = await count();
    await control(s.url, 'in-act', { inboxActivity: 600 });
    await api('in-act', '/conversations'); // the activity starts counting from the first look
    const deadline = Date.now() + 10_000;
    while ((await count()) <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 150));
    assert.ok((await count()) > before, 'an inbound message arrived');
    assert.ok(seed.inbox.conversations.length > 0);
    const refused = await fetch(`${s.url}/__sandbox/in-act/control`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inboxActivity: 601 }),
    });
    assert.equal(refused.status, 422, 'outside its row of CONTROL_BOUNDS');
  });

  it('webhooks announce conversation updates (the counters) and candidate creates', async () => {
    const got: any[] = [];
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        got.push(JSON.parse(body));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      const { seed } = await control(s.url, 'in-hook', {
        webhook: { url: `http://127.0.0.1:${port}/hook`, secret: 's3' },
      });
      await control(s.url, 'in-hook', { inbound: { messageThreadId: seed.conversations.long, text: 'Hoi' } });
      await api('in-hook', '/candidates', {
        method: 'POST',
        body: { data: { type: 'candidates', attributes: { phone: '31611112222' } } },
      });
      const deadline = Date.now() + 5000;
      const has = (type: string, event: string) =>
        got.some((p) => p.data.attributes.resource.type === type && p.data.attributes.event === event);
      while (!(has('conversations', 'update') && has('candidates', 'create')) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const upd = got.find((p) => p.data.attributes.resource.type === 'conversations');
      assert.ok(upd, 'a conversation update was delivered');
      assert.ok(upd.data.attributes.fields.includes('unreadMessagesCount'));
      assert.ok(has('candidates', 'create'));
    } finally {
      await control(s.url, 'in-hook', { webhook: null });
      server.close();
    }
  });
});
