// The chosen emoji level is told apart by more than a fill (a check mark), and its focus ring can be seen: in light
// and dark by contrast against the fill (at least 3:1, WCAG 1.4.11), in forced colours (Windows High Contrast) by
// system colours that differ from the other levels. Forced colours and dark can be emulated only in Chromium here
// (CDP); Firefox's and WebKit's drivers cannot, so there the light-mode rules are checked and the rest skipped.
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/recrubo-generate-flow/define.js';
import type { RecruboGenerateFlowElement } from '../../../src/elements/recrubo-generate-flow/define.js';
import { $$ } from './fixtures.js';

const chromium = /Chrome\//.test(navigator.userAgent);

/** `rgb(a)` / `color(srgb …)` → [r, g, b] in 0..255 (alpha ignored: the tested colours are opaque). */
function rgb(color: string): [number, number, number] {
  const n = (color.match(/[\d.]+/g) ?? []).map(Number);
  if (color.startsWith('color(')) return [n[0]! * 255, n[1]! * 255, n[2]! * 255];
  return [n[0]!, n[1]!, n[2]!];
}
function luminance(color: string): number {
  const [r, g, b] = rgb(color).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

async function mount() {
  const el = await fixture<RecruboGenerateFlowElement>(
    html`<recrubo-generate-flow base-url="/none" emoji-usage="3"></recrubo-generate-flow>`,
  );
  await el.updateComplete;
  const options = $$(el, '.scale-option');
  return { el, options, chosen: options[3]!, other: options[1]! };
}

/** Focuses the chosen level's radio as the keyboard would (focus-visible). */
async function focusChosen(el: RecruboGenerateFlowElement, chosen: HTMLElement) {
  const radio = chosen.querySelector('input')!;
  radio.focus({ focusVisible: true } as FocusOptions);
  await el.updateComplete;
  return radio;
}

function ringOf(option: HTMLElement) {
  const style = getComputedStyle(option);
  return {
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    color: style.outlineColor,
    fill: style.backgroundColor,
  };
}

describe('<recrubo-generate-flow> the chosen emoji level in light, dark and forced colours', function () {
  this.timeout(20000);

  it('light: the chosen level has a check mark (the others none) and a focus ring of at least 3:1 against its fill', async function () {
    const { el, chosen, options } = await mount();
    expect(chosen.querySelector('.scale-check')?.textContent).to.equal('✓');
    expect(options.filter((o) => o.querySelector('.scale-check'))).to.have.length(1);
    const radio = await focusChosen(el, chosen);
    if (!radio.matches(':focus-visible')) this.skip(); // this engine gives focus() no :focus-visible
    const ring = ringOf(chosen);
    expect(ring.style).to.equal('solid');
    expect(ring.width).to.be.at.least(2);
    expect(contrast(ring.color, ring.fill), `${ring.color} on ${ring.fill}`).to.be.at.least(3);
  });

  it('dark (Chromium): the focus ring on the chosen level is at least 3:1 against its fill', async function () {
    if (!chromium) this.skip(); // the Firefox and WebKit drivers here cannot emulate prefers-color-scheme
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const { el, chosen } = await mount();
      await focusChosen(el, chosen);
      const ring = ringOf(chosen);
      expect(ring.style).to.equal('solid');
      expect(contrast(ring.color, ring.fill), `${ring.color} on ${ring.fill}`).to.be.at.least(3);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('forced colours (Chromium): the chosen level differs from the others by system colours, its ring from its fill', async function () {
    if (!chromium) this.skip(); // only Chromium's CDP can emulate forced-colors; see scripts/forced-colors-plugin.mjs
    expect(await executeServerCommand('forced-colors', { active: true })).to.equal(true);
    try {
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      const { el, chosen, other } = await mount();
      const a = getComputedStyle(chosen);
      const b = getComputedStyle(other);
      expect(a.backgroundColor, 'the chosen level is filled differently').to.not.equal(b.backgroundColor);
      expect(a.color).to.not.equal(b.color);
      expect(contrast(a.backgroundColor, b.backgroundColor)).to.be.at.least(3);
      await focusChosen(el, chosen);
      const ring = ringOf(chosen);
      expect(ring.style).to.equal('solid');
      expect(contrast(ring.color, ring.fill), `${ring.color} on ${ring.fill}`).to.be.at.least(3);
    } finally {
      await executeServerCommand('forced-colors', { active: false });
    }
  });
});
