import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/recrubo-conversation/define.js';
import type { ChatbotPausedChangeDetail } from '../../../src/shared/events.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import {
  api,
  mount,
  newRun,
  pretendVisible,
  root,
  stopPretending,
  unmountAll,
  until,
  type ConversationEl,
} from './helpers.js';

const serverRun = async (sb: TestSandbox, id: string) =>
  (await api(sb, 'GET', `flow-runs/${id}`)).doc.data.attributes as { status: string; state: Record<string, unknown> };
const serverThread = async (sb: TestSandbox, id: string) =>
  (await api(sb, 'GET', `message-threads/${id}`)).doc.data.attributes as { chatbotPaused: boolean };

describe('<recrubo-conversation> pause-control', function () {
  this.timeout(90000);
  beforeEach(pretendVisible);
  afterEach(() => {
    unmountAll();
    stopPretending();
  });

  it('pausing (confirmed, keyboard only) holds a running run where it is; resuming lets it go on', async () => {
    const sb = await newSandbox({ speed: 1 }); // one answer per 1.5 s: even slow engines pause it mid-run
    const { threadId, runId } = await newRun(sb);
    const events: ChatbotPausedChangeDetail[] = [];
    const el = await mount<ConversationEl>(html`<recrubo-conversation
      run-id=${runId}
      pause-control
      poll-interval="100"
      base-url=${sb.baseUrl}
      api-key=${sb.apiKey}
      @recrubo-chatbot-paused-change=${(e: CustomEvent<ChatbotPausedChangeDetail>) => events.push(e.detail)}
    ></recrubo-conversation>`);
    const toggle = () => root(el).querySelector<HTMLButtonElement>('[part~="pause"]')!;
    await until(() => toggle()?.getAttribute('aria-disabled') === 'false', 'the switch is ready');
    expect(toggle().getAttribute('role')).to.equal('switch');
    expect(toggle().getAttribute('aria-checked')).to.equal('false');
    let run = await serverRun(sb, runId);
    // Queued for a few seconds of sandbox time first (longer when it waits for the candidate): poll by the clock,
    // not by a count (a fast engine made 200 requests before the run started).
    for (const until = Date.now() + 20_000; run.status !== 'running' && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 50));
      run = await serverRun(sb, runId);
    }
    expect(run.status).to.equal('running');
    // Nearly frozen while the keys are pressed (some runs end after one answer, and a loaded engine is slow).
    await sb.setSpeed(0.05);

    toggle().focus();
    await sendKeys({ press: 'Enter' });
    const dialog = () => root(el).querySelector('dialog')!;
    await until(() => dialog().open, 'the confirmation opens (a run is live)');
    expect(root(el).activeElement?.classList.contains('back'), 'the safe choice has the focus').to.equal(true);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.classList.contains('confirm')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await until(() => events.length === 1, 'paused event');
    expect(events[0]).to.deep.equal({ messageThreadId: threadId, paused: true });
    expect((await serverThread(sb, threadId)).chatbotPaused).to.equal(true);
    await until(() => toggle().getAttribute('aria-checked') === 'true', 'the switch shows paused');
    expect(root(el).activeElement === toggle(), 'the focus is back on the switch').to.equal(true);

    // Held: nothing moves while paused, though the sandbox's time now runs 20 times as fast (1.5 s real are
    // 20 steps' worth; this test is about time passing).
    const held = await serverRun(sb, runId);
    expect(held.status, 'still running when paused').to.equal('running');
    await sb.setSpeed(20);
    await new Promise((r) => setTimeout(r, 1500));
    const later = await serverRun(sb, runId);
    expect(later.status).to.equal('running');
    expect(later.state).to.deep.equal(held.state);
    await expect(el).to.be.accessible();

    // Resume: no confirmation, and the run goes on to the end.
    toggle().focus();
    await sendKeys({ press: 'Enter' });
    await until(() => events.length === 2, 'resumed event');
    expect(dialog().open).to.equal(false);
    expect(events[1]).to.deep.equal({ messageThreadId: threadId, paused: false });
    const movedOn = (r: { status: string; state: Record<string, unknown> }) =>
      r.status !== 'running' || JSON.stringify(r.state) !== JSON.stringify(held.state);
    let after = await serverRun(sb, runId);
    for (let i = 0; i < 400 && !movedOn(after); i++) after = await serverRun(sb, runId);
    expect(movedOn(after), 'the run goes on after resuming').to.equal(true);
  });

  it('without a live run it pauses at once; Escape on the confirmation changes nothing', async () => {
    const sb = await newSandbox({ speed: 4 });
    const threadId = sb.seed.messageThreads[1];
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation message-thread-id=${threadId} pause-control base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    const toggle = () => root(el).querySelector<HTMLButtonElement>('[part~="pause"]')!;
    await until(() => toggle()?.getAttribute('aria-disabled') === 'false', 'the switch is ready');
    const runs = (await api(sb, 'GET', `flow-runs?filter[messageThreadId]=${threadId}`)).doc.data as {
      attributes: { status: string };
    }[];
    const live = runs.some((r) => !['finished', 'timeout', 'cancelled', 'exception'].includes(r.attributes.status));
    const before = (await serverThread(sb, threadId)).chatbotPaused;
    toggle().click();
    if (live) {
      await until(() => root(el).querySelector('dialog')!.open, 'confirmation');
      await sendKeys({ press: 'Escape' });
      await until(() => !root(el).querySelector('dialog')!.open, 'closed');
      expect((await serverThread(sb, threadId)).chatbotPaused).to.equal(before);
    } else {
      await until(() => toggle().getAttribute('aria-checked') === String(!before), 'toggled at once');
      expect((await serverThread(sb, threadId)).chatbotPaused).to.equal(!before);
    }
  });
});
