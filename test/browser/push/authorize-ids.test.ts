// Who may watch what (issue #30): the runner's guarded stream (web-test-runner.config.mjs) lets a page watch only
// the runs its token allows (authorizeIds). A page that names another run cannot watch it: the stream refuses it
// (named in `ready`, a 403 for an add), no change of it reaches the page, and its badge polls at its own pace.
import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import '../../../src/elements/recrubo-config/define.js';
import { openPushStreams } from '../../../src/api/push.js';
import { newSandbox } from '../helpers/sandbox.js';
import { createRun, labelOf, mount, untilLabel, type RunStatusEl } from '../recrubo-flow-run-status/helpers.js';
import { enableWebhooks, patchRunStatus, signedStreamFetch, pushTestHooks, untilQuiet, wiring } from './helpers.js';

/** Opens a stream and reads until its `ready` event; the stream stays open until `close()`. */
async function openStream(f: typeof fetch, url: string) {
  const res = await f(url, { headers: { Accept: 'text/event-stream' } });
  expect(res.status).to.equal(200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  let ready: RegExpExecArray | null = null;
  while (!(ready = /event: ready\ndata: (.*)\n\n/.exec(text))) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`stream ended before ready: ${text}`);
    text += value;
  }
  return {
    ready: JSON.parse(ready[1]!) as { stream: string; refused: string[] },
    close: () => reader.cancel(),
  };
}

describe('push: a page watches only what authorizeIds allows', function () {
  this.timeout(60000);
  pushTestHooks();

  it('the stream refuses an id the token does not allow: in ready, and 403 for an add (the rest is watched)', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const [mine, other, later] = [await createRun(sb), await createRun(sb), await createRun(sb)];
    const signed = signedStreamFetch([mine, later]);
    const opened = await openStream(signed, `${wiring.guardedEventsUrl}?watch=flowRuns:${mine},flowRuns:${other}`);
    expect(opened.ready.refused).to.deep.equal([`flowRuns:${other}`]);
    const add = await signed(wiring.guardedEventsUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ stream: opened.ready.stream, add: [`flowRuns:${other}`, `flowRuns:${later}`] }),
    });
    expect(add.status).to.equal(403);
    const body = (await add.json()) as { meta: { refused: string[]; watching: number } };
    expect(body.meta.refused).to.deep.equal([`flowRuns:${other}`]);
    expect(body.meta.watching, 'mine and later: the rest of the add is watched').to.equal(2);
    await opened.close();
  });

  it('a badge of a refused run gets no change from the stream; the allowed one beside it does, from the event', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    await enableWebhooks(sb);
    const [mine, other] = [await createRun(sb), await createRun(sb)];
    const wrapper = await mount<HTMLElement>(html`<recrubo-config
      events-url=${wiring.guardedEventsUrl} base-url=${sb.baseUrl} api-key=${sb.apiKey} .fetch=${signedStreamFetch([mine])}>
      <recrubo-flow-run-status poll-interval="30000" run-id=${mine}></recrubo-flow-run-status>
      <recrubo-flow-run-status poll-interval="30000" run-id=${other}></recrubo-flow-run-status>
    </recrubo-config>`);
    const [allowed, refused] = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    await untilLabel(allowed!, 'Queued');
    await untilLabel(refused!, 'Queued');
    await waitUntil(() => openPushStreams() === 1, 'the stream is live', { timeout: 15000 });
    // The stream's opening refetch (and the badges' thread, added to the stream after the runs) are in: a GET from
    // here on is one the page made for a change, not the opening's catch-up.
    await untilQuiet(sb);
    // The refused run changes first: its webhook is delivered first, so had the stream passed it on, it would be
    // shown by the time the allowed run's later change is.
    await patchRunStatus(sb, other, 'cancelled');
    await patchRunStatus(sb, mine, 'timeout');
    await untilLabel(allowed!, 'Timed out', 5000);
    expect(labelOf(refused!), 'no change of a refused run reaches the page').to.equal('Queued');
    // Its own polling (30 s, not the 5 min safety net) or a refresh finds it, through the API as usual.
    refused!.refresh();
    await untilLabel(refused!, 'Cancelled', 5000);
  });
});
