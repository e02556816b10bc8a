import { requirementQuestion } from '../../../sandbox/flow-builder.ts';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-generate-flow/define.js';
import type { RecruboGenerateFlowElement } from '../../../src/elements/recrubo-generate-flow/define.js';
import type { RecruboFlowPreviewElement } from '../../../src/elements/recrubo-flow-preview/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import { $, $$, APPOINTMENT_EXAMPLE_BODY, attributesOf, submitButton, textOf } from './fixtures.js';

const LONG = { timeout: 20000 };

describe('<recrubo-generate-flow> previews the chatbot it generated', function () {
  this.timeout(60000);

  it('a finished generation shows "Preview the chatbot" with the new flow\'s conversation, open on wide screens', async () => {
    const sb = await newSandbox({ speed: 1000 });
    // Every request the page makes: none may go anywhere but the sandbox (an inner element that started before its
    // properties were set would ask the default API root).
    const urls: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => (
      urls.push(input instanceof Request ? input.url : String(input)),
      realFetch(input, init)
    );
    after(() => (window.fetch = realFetch));
    const example = attributesOf(APPOINTMENT_EXAMPLE_BODY);
    const el = await fixture<RecruboGenerateFlowElement>(
      html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey} sync></recrubo-generate-flow>`,
    );
    el.parameters = example.parameters as never;
    el.context = example.context as never;
    await el.updateComplete;
    const finished = new Promise<string>((resolve) =>
      el.addEventListener('recrubo-generation-finished', (e) => resolve(e.detail.flowId!)),
    );
    submitButton(el).click();
    const flowId = await finished;
    await waitUntil(() => $(el, '[part~="preview"]'), 'the disclosure', LONG);

    const details = $<HTMLDetailsElement>(el, 'details[part~="preview"]')!;
    expect(textOf(details.querySelector('summary'))).to.equal('Preview the chatbot');
    expect(details.open).to.equal(matchMedia('(min-width: 48em)').matches);
    // The preview's code is loaded when the result is shown; the preview comes when it is there.
    await waitUntil(() => details.querySelector('recrubo-flow-preview'), 'the preview element', LONG);
    const preview = details.querySelector<RecruboFlowPreviewElement>('recrubo-flow-preview')!;
    expect(preview.flowId).to.equal(flowId);
    if (!details.open) details.querySelector('summary')!.click();
    await waitUntil(() => preview.steps !== undefined, 'the preview loaded', LONG);
    await preview.updateComplete;
    const chat = textOf(preview.shadowRoot!.querySelector('[part~="chat"]'));
    const params = example.parameters as {
      language?: string;
      knockoutRequirements: { value: string }[];
      preferredRequirements: { value: string }[];
    };
    // The sandbox asks each requirement as a question in the flow's language.
    const lang = params.language === 'en' ? 'en' : 'nl';
    for (const r of [...params.knockoutRequirements, ...params.preferredRequirements])
      expect(chat).to.include(requirementQuestion(lang, r.value));
    expect($$(preview, '[part~="message"][data-kind="appointment"]').length).to.equal(1);
    await expect(el).to.be.accessible();
    expect(
      urls.filter((u) => !u.startsWith(sb.baseUrl)),
      'requests elsewhere',
    ).to.deep.equal([]);
    // The result's name and step count and the preview's graph: one GET of the flow with its nodes, shared.
    const flowRequests = urls.filter((u) => u.includes(`/flows/${flowId}`) || u.includes('/nodes'));
    expect(flowRequests.length, flowRequests.join('\n')).to.equal(1);
    expect(flowRequests[0]).to.include('include=nodes.nodeActions');

    // Closed by the recruiter, it stays closed while the result re-renders.
    details.querySelector('summary')!.click();
    await waitUntil(() => !details.open, 'closed');
    el.requestUpdate();
    await el.updateComplete;
    expect(details.open).to.equal(false);
  });
});

describe('<recrubo-generate-flow> opens the editor for the chatbot it generated', function () {
  this.timeout(60000);

  it('"Edit the chatbot" puts <recrubo-flow-editor> for the new flow in place of the preview', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const example = attributesOf(APPOINTMENT_EXAMPLE_BODY);
    const el = await fixture<RecruboGenerateFlowElement>(
      html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey} sync></recrubo-generate-flow>`,
    );
    el.parameters = example.parameters as never;
    el.context = example.context as never;
    await el.updateComplete;
    const finished = new Promise<string>((resolve) =>
      el.addEventListener('recrubo-generation-finished', (e) => resolve(e.detail.flowId!)),
    );
    submitButton(el).click();
    const flowId = await finished;
    await waitUntil(() => $(el, '[part~="edit-button"]'), 'the edit button', LONG);
    $<HTMLButtonElement>(el, '[part~="edit-button"]')!.click();
    await waitUntil(() => $(el, 'recrubo-flow-editor'), 'the editor', LONG);
    const editor = $(el, 'recrubo-flow-editor') as HTMLElement & { flowId: string; dirty: boolean };
    expect(editor.flowId).to.equal(flowId);
    expect($(el, 'details[part~="preview"]')).to.equal(null, 'in place of the preview');
    expect(el.shadowRoot!.activeElement?.id).to.equal('result-editor-heading');
    await waitUntil(() => editor.shadowRoot!.querySelector('[part~="toolbar"]'), 'the editor loaded', LONG);
    expect(editor.shadowRoot!.querySelectorAll('recrubo-flow-editor-field').length).to.be.greaterThan(5);
    await expect(el).to.be.accessible();
  });
});
