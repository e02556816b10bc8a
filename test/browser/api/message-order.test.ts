// The order of a thread's messages: oldest first, and for equal timestamps the order the API gave (never by id).
import { expect } from '@open-wc/testing';
import { sortMessages, type Message } from '../../../src/api/index.js';

const at = '2025-03-01T09:00:00.000Z';
const message = (id: string, createdAt: string, text: string): Message => ({
  id,
  createdAt,
  updatedAt: createdAt,
  sendBy: 'Recrubo',
  origin: text === 'Sanne' ? 'inbound' : 'outbound',
  messageThreadId: 't',
  payload: { type: 'text', text: { value: text } },
  deliveryStatus: 'delivered',
});
const texts = (list: Message[]) => list.map((m) => (m.payload as { text: { value: string } }).text.value);

describe('sortMessages', () => {
  it('keeps the API order of messages with the same createdAt, whatever their ids', () => {
    // The ids sort the other way round: an id-based tie-break would put the question before the answer.
    const api = [
      message('c-1', '2025-03-01T08:59:59.000Z', 'Wat is je voornaam?'),
      message('z-answer', at, 'Sanne'),
      message('a-question', at, 'Wat is je e-mailadres?'),
    ];
    expect(texts(sortMessages([...api]))).to.deep.equal(['Wat is je voornaam?', 'Sanne', 'Wat is je e-mailadres?']);
  });

  it('still puts an older message first when it arrives later (a page read after a poll)', () => {
    const received = [message('b', at, 'Sanne'), message('a', '2025-03-01T08:59:59.000Z', 'Wat is je voornaam?')];
    expect(texts(sortMessages(received))).to.deep.equal(['Wat is je voornaam?', 'Sanne']);
  });
});
