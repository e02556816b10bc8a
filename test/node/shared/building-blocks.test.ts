// The shared building blocks that are pure (no DOM): typed string tables, the error-key mapping, the cached Intl
// formatters and the reference-counted shared task. The type-level checks are `@ts-expect-error` lines: `npm run
// typecheck` (which includes test/) fails when one of them stops being an error.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defineStrings, errorKey, sharedStrings, translate, type KeyOf } from '../../../src/shared/i18n.ts';
import {
  dateTimeFormat,
  formatElapsed,
  formatList,
  formatNumber,
  numberFormat,
  relativeTime,
} from '../../../src/shared/format.ts';
import { InFlight } from '../../../src/shared/in-flight.ts';
import { runStatusStrings } from '../../../src/elements/recrubo-flow-run-status/strings.ts';
import { generateFlowStrings } from '../../../src/elements/recrubo-generate-flow/strings.ts';
import { scheduleStrings } from '../../../src/elements/recrubo-schedule-picker/strings.ts';

describe('typed string tables', () => {
  test('Dutch must have exactly the English keys (type errors otherwise)', () => {
    const en = { 'a.title': 'Title', 'a.hint': 'Hint' } as const;
    const ok = defineStrings(en, { 'a.title': 'Titel', 'a.hint': 'Tip' });
    // @ts-expect-error a missing Dutch key
    defineStrings(en, { 'a.title': 'Titel' });
    // @ts-expect-error an extra Dutch key
    defineStrings(en, { 'a.title': 'Titel', 'a.hint': 'Tip', 'a.extra': 'Extra' });
    const nlInAVariable = { 'a.title': 'Titel', 'a.hint': 'Tip', 'a.stray': 'x' };
    // @ts-expect-error an extra key is refused from a variable too (no excess-property check there)
    defineStrings(en, nlInAVariable);
    const key: KeyOf<typeof ok> = 'a.title';
    // @ts-expect-error only known keys
    const wrong: KeyOf<typeof ok> = 'a.titel';
    assert.equal(translate('nl', ok, key), 'Titel');
    void wrong;
  });

  test("every element's tables have the same keys in both languages, and no empty string", () => {
    for (const [name, table] of Object.entries({
      sharedStrings,
      runStatusStrings,
      generateFlowStrings,
      scheduleStrings,
    })) {
      assert.deepEqual(Object.keys(table.nl).sort(), Object.keys(table.en).sort(), name);
      for (const [lang, dict] of Object.entries(table)) {
        for (const [k, v] of Object.entries(dict as Record<string, string>))
          assert.ok(v.trim(), `${name}.${lang}.${k} is empty`);
      }
    }
  });

  test('translate() fills placeholders, falls back to English, then to the key', () => {
    const table = { en: { hi: 'Hello {name}', only: 'English only' }, nl: { hi: 'Hallo {name}' } };
    assert.equal(translate('nl', table, 'hi', { name: 'Ada' }), 'Hallo Ada');
    assert.equal(translate('nl', table, 'only'), 'English only');
    assert.equal(translate('en', table, 'missing'), 'missing');
    assert.equal(translate('en', table, 'hi', { other: 1 }), 'Hello {name}');
  });
});

describe('errorKey(): one mapping from an error to its message', () => {
  test('404 from the API, 429, 422 and every kind', () => {
    assert.equal(errorKey({ kind: 'http', status: 404 }), 'error.notFound');
    assert.equal(errorKey({ kind: 'http', status: 429 }), 'error.rateLimited');
    assert.equal(errorKey({ kind: 'http', status: 422 }), 'error.validation');
    assert.equal(errorKey({ kind: 'http', status: 500 }), 'error.http');
    // A 404 page that is not JSON:API (a wrong base-url) is an unreadable answer, not "not found".
    assert.equal(errorKey({ kind: 'parse', status: 404 }), 'error.parse');
    for (const kind of ['network', 'timeout', 'auth', 'aborted'] as const) {
      const key = errorKey({ kind });
      assert.equal(key, `error.${kind}`);
      assert.ok(sharedStrings.en[key] && sharedStrings.nl[key], `${key} has both texts`);
    }
  });
});

describe('cached Intl formatters', () => {
  test('one formatter per locale and options, reused', () => {
    assert.equal(numberFormat('nl'), numberFormat('nl'));
    assert.notEqual(numberFormat('nl'), numberFormat('en'));
    assert.equal(numberFormat('en', { style: 'percent' }), numberFormat('en', { style: 'percent' }));
    assert.notEqual(numberFormat('en', { style: 'percent' }), numberFormat('en'));
    assert.equal(dateTimeFormat('nl'), dateTimeFormat('nl', { dateStyle: 'medium', timeStyle: 'short' }));
  });

  test('numbers, lists, elapsed and relative times in the UI language', () => {
    assert.equal(formatNumber('nl', 1234.5), '1.234,5');
    assert.equal(formatNumber('en', 1234.5), '1,234.5');
    assert.equal(formatList('nl', ['a', 'b', 'c']), 'a, b en c');
    assert.equal(formatList('en', ['a', 'b', 'c']), 'a, b, and c');
    assert.match(formatElapsed('en', 65_000), /^1 min 5 sec/);
    const now = Date.parse('2026-01-01T12:00:00Z');
    assert.equal(relativeTime('en', '2026-01-01T11:57:00Z', now), '3 min. ago');
    assert.equal(relativeTime('en', 'not a date', now), '');
    // a server clock a little ahead of ours never says "in 1 minute"
    assert.equal(relativeTime('en', '2026-01-01T12:01:00Z', now), 'now');
  });
});

describe('InFlight: one piece of work for several callers', () => {
  const abortError = () => new DOMException('left', 'AbortError');

  test('the callers share one run; one leaving does not stop it for the others', async () => {
    let runs = 0;
    let finish!: (v: string) => void;
    let workSignal!: AbortSignal;
    const task = new InFlight<string>((signal) => {
      runs++;
      workSignal = signal;
      return new Promise((resolve) => (finish = resolve));
    });
    const leaving = new AbortController();
    const a = task.join(leaving.signal, abortError);
    const b = task.join(new AbortController().signal, abortError);
    leaving.abort();
    await assert.rejects(a, { name: 'AbortError' });
    assert.equal(workSignal.aborted, false);
    finish('done');
    assert.equal(await b, 'done');
    assert.equal(runs, 1);
    assert.equal(task.value, 'done');
    assert.equal(await task.join(undefined, abortError), 'done');
  });

  test('when the last caller leaves before the end, the work is aborted and the owner told', async () => {
    let abandoned = 0;
    let workSignal!: AbortSignal;
    const task = new InFlight<string>(
      (signal) => {
        workSignal = signal;
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      },
      () => abandoned++,
    );
    const one = new AbortController();
    const two = new AbortController();
    const a = task.join(one.signal, abortError);
    const b = task.join(two.signal, abortError);
    one.abort();
    assert.equal(workSignal.aborted, false);
    two.abort();
    await assert.rejects(a, { name: 'AbortError' });
    await assert.rejects(b, { name: 'AbortError' });
    assert.equal(workSignal.aborted, true);
    assert.equal(abandoned, 1);
  });

  test('an already aborted signal is refused at once; a failure reaches every caller', async () => {
    const gone = new AbortController();
    gone.abort();
    const failing = new InFlight<string>(() => Promise.reject(new Error('boom')));
    await assert.rejects(failing.join(gone.signal, abortError), { name: 'AbortError' });
    await assert.rejects(failing.join(undefined, abortError), { message: 'boom' });
    await assert.rejects(failing.join(new AbortController().signal, abortError), { message: 'boom' });
  });
});
