// Messages on push (issue #30): a message the candidate writes reaches an open conversation through the event
// stream (the receiver announces the message's thread; the store reads the thread's newest page), not by polling:
// the conversation polls every 10 minutes and the healthy stream's safety net every 5, so only the push can explain
// the new bubble, and the page's message reads are counted at the sandbox (at most one per second: coalesced).
import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-conversation/define.js';
import { openPushStreams } from '../../../src/api/push.js';
import { newSandbox } from '../helpers/sandbox.js';
import { bubbles, newRun, type ConversationEl } from '../recrubo-conversation/helpers.js';
import { mount } from '../recrubo-flow-run-status/helpers.js';
import { enableWebhooks, pushTestHooks, wiring } from './helpers.js';

const inbound = (el: ConversationEl) => bubbles(el).filter((b) => b.classList.contains('in')).length;

describe('push: messages reach an open conversation', function () {
  this.timeout(60000);
  pushTestHooks();

  it("the candidate's message shows without a poll; the page's message reads are the push's, coalesced", async () => {
    const sb = await newSandbox({ speed: 0.001 }); // nothing moves until the test says so
    await enableWebhooks(sb);
    const { runId } = await newRun(sb);
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation run-id=${runId} poll-interval="600000" events-url=${wiring.eventsUrl} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    await waitUntil(() => bubbles(el).length > 0, 'the invitation shown', { timeout: 10000 });
    await waitUntil(() => openPushStreams() === 1, 'the stream is live', { timeout: 15000 });
    const before = inbound(el);
    await sb.clearRequests();
    const started = performance.now();
    await sb.setSpeed(20); // the simulated candidate answers
    await waitUntil(() => inbound(el) > before, 'a new message from the candidate', { timeout: 20000 });
    await sb.setSpeed(0.001);
    const seconds = (performance.now() - started) / 1000;
    const reads = (await sb.requests()).filter((r) => r.method === 'GET' && r.path.endsWith('/messages'));
    expect(reads.length, 'read because of the push').to.be.above(0);
    expect(reads.length, `${reads.length} reads in ${seconds.toFixed(1)} s: at most one a second`).to.be.at.most(
      Math.ceil(seconds) + 1,
    );
    await expect(el).to.be.accessible();
  });
});
