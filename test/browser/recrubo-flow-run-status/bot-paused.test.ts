// Issue 27.3: a paused bot is shown as paused. The badge and the card of a run whose thread has `chatbotPaused`
// say "Bot paused" (from the thread, through the store: a pause written on this page shows at once), and the
// switch is announced like a status change, in the page's one announcer.
import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import { announcerRegion } from '../../../src/shared/announcer.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  badgeOf,
  labelOf,
  mount,
  pretendVisible,
  serverJson,
  stopPretending,
  unmountAll,
  untilLabel,
  type RunStatusEl,
} from './helpers.js';

describe('<recrubo-flow-run-status> with the bot paused', function () {
  this.timeout(60000);
  beforeEach(() => pretendVisible());
  afterEach(() => {
    unmountAll();
    stopPretending();
  });

  it('a seeded running run whose thread is paused: badge and card say "Bot paused", not "Running"', async () => {
    const sb = await newSandbox();
    let runId = '';
    for (const id of sb.seed.runs.running) {
      const run = await serverJson(sb, `flow-runs/${id}`);
      const thread = await serverJson(sb, `message-threads/${run.data.attributes.messageThreadId}`);
      if (thread.data.attributes.chatbotPaused === true) runId = id;
    }
    expect(runId, 'the seed has a running run on a paused thread').to.not.equal('');
    const wrapper = await mount<HTMLElement>(html`<div>
      <recrubo-flow-run-status label="Sanne de Vries" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${runId}></recrubo-flow-run-status>
      <recrubo-flow-run-status variant="card" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${runId}></recrubo-flow-run-status>
    </div>`);
    const [badge, card] = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')] as [
      RunStatusEl,
      RunStatusEl,
    ];
    await untilLabel(badge, 'Bot paused');
    await untilLabel(card, 'Bot paused');
    expect(badgeOf(badge)!.dataset.botPaused).to.equal('true');
    expect(badgeOf(badge)!.dataset.status).to.equal('running', 'the run itself is still running');
    expect(badgeOf(badge)!.getAttribute('aria-label')).to.equal('Sanne de Vries: Bot paused');
    await expect(badge).to.be.accessible();
    await expect(card).to.be.accessible();
  });

  it('pausing and resuming on this page shows at once on the badge and the card, and is announced', async () => {
    const sb = await newSandbox({ speed: 0.001 }); // the seeded running runs stay where they are
    const runId = sb.seed.runs.running[0]!;
    const wrapper = await mount<HTMLElement>(html`<div lang="nl">
      <recrubo-flow-run-status label="Nora Peters" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${runId}></recrubo-flow-run-status>
      <recrubo-flow-run-status variant="card" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${runId}></recrubo-flow-run-status>
    </div>`);
    const [badge, card] = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')] as [
      RunStatusEl,
      RunStatusEl,
    ];
    await untilLabel(badge, 'Actief');
    await untilLabel(card, 'Actief');
    const threadId = badge.run!.messageThreadId;
    // The thread has loaded (its first answer is never announced): only a switch after it is.
    let loaded = false;
    const stop = badge.api.store.watch('messageThreads', threadId, (snap) => (loaded ||= !!snap.data), { poll: false });
    await waitUntil(() => loaded, 'the thread loaded', { timeout: 5000 });
    stop();
    // What the conversation's pause switch does: a PATCH through the api layer, written to the store.
    await badge.api.messageThreads.update(threadId, { chatbotPaused: true });
    await untilLabel(badge, 'Bot gepauzeerd', 5000);
    await untilLabel(card, 'Bot gepauzeerd', 5000);
    await waitUntil(() => announcerRegion(document).textContent!.includes('Nora Peters: Bot gepauzeerd'), 'announced', {
      timeout: 5000,
    });
    await badge.api.messageThreads.update(threadId, { chatbotPaused: false });
    await untilLabel(badge, 'Actief', 5000);
    await untilLabel(card, 'Actief', 5000);
    await waitUntil(
      () => announcerRegion(document).textContent!.includes('Nora Peters: Actief'),
      'resumed, announced',
      {
        timeout: 5000,
      },
    );
    expect(labelOf(badge)).to.equal('Actief');
  });
});
