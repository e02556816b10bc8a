// Live updates by push in a real browser: the sandbox's webhook → the runner's receiver → the event stream → the
// store refetches → the badge changes, within a second and with no poll in between.
import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import '../../../src/elements/recrubo-config/define.js';
import { onPushStateChange, openPushStreams, type PushState } from '../../../src/api/push.js';
import type { RunStatusChangeDetail } from '../../../src/shared/events.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  createRun,
  labelOf,
  mount,
  runIdsAsked,
  serverRun,
  sleep,
  untilLabel,
  type RunStatusEl,
} from '../recrubo-flow-run-status/helpers.js';
import { cuttableFetch, enableWebhooks, patchRunStatus, pushTestHooks, untilQuiet, wiring } from './helpers.js';

const untilLive = (timeout = 15000) => waitUntil(() => openPushStreams() === 1, 'the push stream is live', { timeout });

describe('push: live updates through the event stream', function () {
  this.timeout(60000);
  pushTestHooks();

  it('a badge takes the status from the event: no GET at the sandbox; a card beside it is refetched once', async () => {
    const sb = await newSandbox({ speed: 0.001 }); // nothing moves by itself
    await enableWebhooks(sb);
    const [badgeRun, cardRun] = [await createRun(sb), await createRun(sb)];
    // A 30 s poll-interval (and the 5 min safety net while the stream is healthy): no poll explains a change.
    const wrapper =
      await mount<HTMLElement>(html`<recrubo-config events-url=${wiring.eventsUrl} base-url=${sb.baseUrl} api-key=${sb.apiKey}>
      <recrubo-flow-run-status poll-interval="30000" run-id=${badgeRun}></recrubo-flow-run-status>
      <recrubo-flow-run-status poll-interval="30000" variant="card" run-id=${cardRun}></recrubo-flow-run-status>
    </recrubo-config>`);
    const [badge, card] = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    await untilLabel(badge!, 'Queued');
    await waitUntil(() => card!.run?.status === 'queued', 'card loaded', { timeout: 10000 });
    await untilLive();
    await untilQuiet(sb); // the first open's refetch and the card's flow are done
    await sb.clearRequests();
    await patchRunStatus(sb, badgeRun, 'cancelled');
    await untilLabel(badge!, 'Cancelled', 5000);
    await patchRunStatus(sb, cardRun, 'cancelled');
    await waitUntil(() => card!.run?.status === 'cancelled', 'card changed', { timeout: 5000 });
    await untilQuiet(sb);
    // The runs' GETs (the card also follows its run's thread for "bot paused": that resource is not the subject here,
    // and its one load may land after the clear on a slow machine).
    const log = (await sb.requests()).filter((r) => r.method === 'GET' && r.path.includes('/flow-runs'));
    expect(runIdsAsked(log), JSON.stringify(log)).to.deep.equal([cardRun]);
    expect(log.length, 'one GET, for the card').to.equal(1);
    await expect(badge!).to.be.accessible();
  });

  it('one stream for the page whatever the number of elements, through <recrubo-config>', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    await enableWebhooks(sb);
    const ids = [await createRun(sb), await createRun(sb), await createRun(sb)];
    const wrapper =
      await mount<HTMLElement>(html`<recrubo-config events-url=${wiring.eventsUrl} base-url=${sb.baseUrl} api-key=${sb.apiKey}>
      ${Array.from({ length: 12 }, (_, i) => html`<recrubo-flow-run-status poll-interval="30000" run-id=${ids[i % 3]}></recrubo-flow-run-status>`)}
    </recrubo-config>`);
    const els = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    await waitUntil(() => els.every((e) => labelOf(e) === 'Queued'), 'all queued', { timeout: 10000 });
    await untilLive();
    expect(openPushStreams()).to.equal(1);
    // An element added later joins the same stream (its id is added by POST, no second stream).
    const late = await createRun(sb);
    const extra = document.createElement('recrubo-flow-run-status') as RunStatusEl;
    extra.setAttribute('poll-interval', '30000');
    extra.setAttribute('run-id', late);
    wrapper.append(extra);
    await untilLabel(extra, 'Queued');
    await sleep(200);
    await patchRunStatus(sb, late, 'timeout');
    await untilLabel(extra, 'Timed out', 3000);
    expect(openPushStreams()).to.equal(1);
  });

  it("duplicated and reordered deliveries converge to the server's truth", async () => {
    const sb = await newSandbox({ speed: 0.001 });
    await enableWebhooks(sb, { duplicateRate: 0.5, delayMs: 300 });
    const runId = await createRun(sb);
    const statuses: string[] = [];
    const el = await mount<RunStatusEl>(html`<recrubo-flow-run-status
      @recrubo-run-status-change=${(e: CustomEvent<RunStatusChangeDetail>) => statuses.push(e.detail.status)}
      poll-interval="30000" events-url=${wiring.eventsUrl} base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${runId}
    ></recrubo-flow-run-status>`);
    await untilLabel(el, 'Queued');
    await untilLive();
    await sb.setSpeed(5); // queued → running (answers, each a webhook) → finished
    await untilLabel(el, 'Finished · accepted', 30000);
    const server = await serverRun(sb, runId);
    expect(server.status).to.equal('finished');
    await sleep(700); // late and duplicated deliveries still arriving: nothing may move the badge back
    expect(labelOf(el)).to.equal('Finished · accepted');
    expect(statuses[statuses.length - 1]).to.equal('finished');
    expect(statuses.indexOf('finished')).to.equal(statuses.length - 1);
  });

  it('a dropped stream falls back to polling, reconnects, and push takes over again', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    await enableWebhooks(sb);
    const [a, b, idle] = [await createRun(sb), await createRun(sb), await createRun(sb)];
    const net = cuttableFetch();
    const states: PushState[] = [];
    const off = onPushStateChange((s) => states.push(s));
    try {
      const wrapper =
        await mount<HTMLElement>(html`<recrubo-config events-url=${wiring.eventsUrl} base-url=${sb.baseUrl} api-key=${sb.apiKey} .fetch=${net.fetch}>
        ${[a, b, idle].map((id) => html`<recrubo-flow-run-status poll-interval="300" run-id=${id}></recrubo-flow-run-status>`)}
      </recrubo-config>`);
      const [elA, elB] = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
      await untilLabel(elA!, 'Queued');
      await untilLive();

      // Healthy: the 300 ms polling is only a 60 s safety net now.
      await sleep(300);
      await sb.clearRequests();
      await sleep(1500);
      expect(
        (await sb.requests()).filter((r) => r.method === 'GET'),
        'no polling while the stream is healthy',
      ).to.have.length(0);

      net.cut();
      await waitUntil(() => openPushStreams() === 0 && states.includes('down'), 'stream down', { timeout: 5000 });
      await sb.clearRequests();
      await patchRunStatus(sb, a, 'cancelled'); // the webhook reaches nobody: polling must find it
      await untilLabel(elA!, 'Cancelled', 5000);
      expect(runIdsAsked((await sb.requests()).filter((r) => r.method === 'GET')), 'found by polling').to.include(idle);

      net.heal();
      await untilLive(20000);
      await untilQuiet(sb); // the reconnect's refetch of everything is done (a loaded machine may take > 300 ms)
      await sb.clearRequests();
      await patchRunStatus(sb, b, 'exception');
      // By push: the idle run below is not polled meanwhile (the within-a-second bound is the first test's).
      await waitUntil(() => labelOf(elB!) !== 'Queued', 'b changed', { timeout: 5000 });
      await sleep(1000);
      const gets = (await sb.requests()).filter((r) => r.method === 'GET');
      expect(runIdsAsked(gets), 'only the changed run, no polling of the idle one').to.not.include(idle);
    } finally {
      off();
    }
  });
});
