// ElementTask: @lit/task plus what our elements need from it. Loads stop when the element leaves the page and run
// again when it comes back; a finished load and an action (a POST is the user's to repeat) are not run again.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { RecruboElement, define } from '../../../src/shared/recrubo-element.js';
import { ElementTask, TaskStatus } from '../../../src/shared/element-task.js';
import type { Flow } from '../../../src/api/types.js';
import { newSandbox } from '../helpers/sandbox.js';

class TaskProbe extends RecruboElement {
  static override properties = { flowId: { attribute: 'flow-id' } };
  /** The flow to load. */
  declare flowId: string | undefined;
  /** Each run of the load, with the signal it was given. */
  readonly loads: { id: string; signal: AbortSignal }[] = [];
  readonly actions: AbortSignal[] = [];
  readonly errors: unknown[] = [];
  readonly load = new ElementTask(this, {
    task: ([api, id], { signal }) => {
      this.loads.push({ id: id!, signal });
      return api.flows.get(id!, { signal });
    },
    args: () => [this.api, this.flowId],
    onError: (error) => this.errors.push(error),
  });
  readonly action = new ElementTask(this, {
    autoRun: false,
    task: ([api, id], { signal }): Promise<Flow> => {
      this.actions.push(signal);
      return api.flows.get(id!, { signal });
    },
    args: () => [this.api, this.flowId],
    onError: (error) => this.errors.push(error),
  });
  constructor() {
    super();
    this.flowId = undefined;
  }
  protected override render() {
    return html`${this.load.render({
      initial: () => html`<p>initial</p>`,
      pending: () => html`<p>pending</p>`,
      complete: (flow) => html`<p>${flow.name}</p>`,
      error: () => html`<p role="alert">error</p>`,
    })}`;
  }
}
define('test-task-probe', TaskProbe);

const text = (el: TaskProbe) => el.shadowRoot!.textContent!.trim();

describe('ElementTask', function () {
  this.timeout(20000);

  it('a load stops when the element leaves the page (no error), and runs again when it comes back', async () => {
    const sb = await newSandbox({ speed: 1000 });
    await sb.setFaults({ latencyMs: 1500, count: 1 });
    const el = await fixture<TaskProbe>(
      html`<test-task-probe base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithAppointment}></test-task-probe>`,
    );
    expect(el.load.status).to.equal(TaskStatus.PENDING);
    expect(text(el)).to.equal('pending');
    const parent = el.parentNode!;
    el.remove();
    expect(el.loads[0]!.signal.aborted, 'the request is stopped').to.equal(true);
    await waitUntil(() => el.load.status === TaskStatus.INITIAL, 'back to initial, not an error', { timeout: 5000 });
    expect(el.errors).to.deep.equal([]);

    parent.append(el);
    expect(el.load.status).to.equal(TaskStatus.PENDING);
    // The sandbox's latency may fall on this request (the first one may never have reached it).
    await waitUntil(() => el.load.status === TaskStatus.COMPLETE, 'loaded after the return', { timeout: 10000 });
    await el.updateComplete;
    expect(el.loads.map((l) => l.id)).to.deep.equal([sb.seed.flowWithAppointment, sb.seed.flowWithAppointment]);
    expect(text(el)).to.equal(el.load.value!.name);
    expect(el.errors).to.deep.equal([]);
  });

  it('a finished load is not run again when the element comes back; new args run it again', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const el = await fixture<TaskProbe>(
      html`<test-task-probe base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithAppointment}></test-task-probe>`,
    );
    await waitUntil(() => el.load.status === TaskStatus.COMPLETE, 'loaded', { timeout: 10000 });
    const parent = el.parentNode!;
    el.remove();
    parent.append(el);
    await el.updateComplete;
    expect(el.load.status).to.equal(TaskStatus.COMPLETE);
    expect(el.loads.length).to.equal(1);
    el.flowId = sb.seed.flowWithoutGeneration;
    await waitUntil(() => el.load.status === TaskStatus.COMPLETE && el.loads.length === 2, 'the new flow loaded', {
      timeout: 10000,
    });
    expect(el.load.value!.id).to.equal(sb.seed.flowWithoutGeneration);
  });

  it('an action stops when the element leaves and is not run again by itself', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const el = await fixture<TaskProbe>(
      html`<test-task-probe base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithAppointment}></test-task-probe>`,
    );
    await waitUntil(() => el.load.status === TaskStatus.COMPLETE, 'loaded', { timeout: 10000 });
    expect(el.actions.length, 'an action waits for run()').to.equal(0);
    await sb.setFaults({ latencyMs: 1500, count: 1 });
    void el.action.run();
    expect(el.action.status).to.equal(TaskStatus.PENDING);
    const parent = el.parentNode!;
    el.remove();
    expect(el.actions[0]!.aborted).to.equal(true);
    parent.append(el);
    await el.updateComplete;
    await waitUntil(() => el.action.status === TaskStatus.INITIAL, 'the action is back to initial', {
      timeout: 10000,
    });
    expect(el.actions.length, 'not run again').to.equal(1);
    expect(el.errors).to.deep.equal([]);
    await el.action.run();
    expect(el.action.status).to.equal(TaskStatus.COMPLETE);
    expect(el.actions.length).to.equal(2);
  });

  it('a failed run is an error (reported once) and lets go of what it still had under way', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const el = await fixture<TaskProbe>(
      html`<test-task-probe base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id="no-such-flow"></test-task-probe>`,
    );
    await waitUntil(() => el.load.status === TaskStatus.ERROR, 'failed', { timeout: 15000 });
    await el.updateComplete;
    expect(text(el)).to.equal('error');
    expect(el.errors.length).to.equal(1);
    expect((el.errors[0] as { status?: number }).status).to.equal(404);
    expect(el.loads[0]!.signal.aborted, 'the run is over: its signal too').to.equal(true);
  });
});
