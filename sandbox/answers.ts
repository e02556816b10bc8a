/** What the simulated candidate answers, keyed by sessionField; deterministic per run. */
import { createRng, pick, type Rng } from './prng.ts';
import type { Store } from './store.ts';

const DAY = 24 * 60 * 60_000;

/** Where the run's answers are placed in time and which schedules its appointment step offers. */
export interface AnswerContext {
  /** Epoch ms the run started: an appointment is booked a few days after it, never in the past. */
  now?: number;
  /** The names of the schedules the candidate can book (see scheduleNamesOf). */
  schedules?: string[];
  /**
   * Who answers: the thread's id. One thread is one candidate, so every run on it answers with the same name
   * (a demo that names a run by its answers never shows two people for one chat).
   */
  candidate?: string;
  /** The first name the run's opening template greets the candidate with ("Hoi Sanne"): they answer with it. */
  firstName?: string;
}

/** An appointment as the candidate writes it in the chat: a date and time in the flow's language. */
export function appointmentText(dateTime: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  }).format(Date.parse(dateTime));
}

/** The names of the schedules a flow's appointment step offers (its `scheduleIds`, else the run's, else 1-3). */
export function scheduleNamesOf(store: Store, flowId: string, state?: Record<string, unknown>): string[] {
  const step = store
    .where('nodes', 'flowId', flowId)
    .flatMap((node) => store.where('nodeActions', 'nodeId', node.id))
    .find((a) => a.attrs.subType === 'appointment');
  const value = (step?.attrs.value ?? {}) as { scheduleIds?: unknown };
  const ids = String(value.scheduleIds ?? state?.scheduleId ?? '1,2,3')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return ids.map((id) => String(store.get('schedules', id)?.attrs.name ?? `Schedule ${id}`));
}

const FIRST = ['Sanne', 'Daan', 'Emma', 'Noah', 'Julia', 'Liam', 'Fatima', 'Mohammed', 'Lotte', 'Finn', 'Zoë', 'Sem'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'El Amrani', 'Mulder', 'de Boer', 'Yılmaz'];
const CITIES = ['Amsterdam', 'Rotterdam', 'Utrecht', 'Den Haag', 'Eindhoven', 'Groningen'];

function answer(field: string, subType: string, rng: Rng, first: string, last: string, ctx: AnswerContext): unknown {
  const f = field.toLowerCase();
  if (subType === 'appointment') {
    // The schedule by its name, and a slot 2 to 9 days after the run started, at 10:30 in Amsterdam.
    const names = ctx.schedules?.length ? ctx.schedules : ['Intake call'];
    const schedule = names[Math.floor(rng() * names.length)] as string;
    const day = new Date((ctx.now ?? Date.now()) + (2 + Math.floor(rng() * 8)) * DAY);
    const local = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 10, 30));
    const offset = amsterdamOffsetMinutes(local.getTime());
    return { schedule, dateTime: new Date(local.getTime() - offset * 60_000).toISOString() };
  }
  if (subType === 'list') return rng() < 0.8 ? 'yes' : 'no';
  if (f.includes('first')) return first;
  if (f.includes('last')) return last;
  if (f === 'name' || f.includes('full_name')) return `${first} ${last}`;
  if (f.includes('mail')) return `${first.toLowerCase()}.${last.toLowerCase().replace(/[^a-z]/g, '')}@example.com`;
  if (f.includes('phone')) return `+316${String(10000000 + Math.floor(rng() * 89999999))}`;
  if (f.includes('postal')) return `${1000 + Math.floor(rng() * 8999)} AB`;
  if (f.includes('city') || f.includes('location')) return pick(rng, CITIES);
  if (f.includes('address')) return `Dorpsstraat ${1 + Math.floor(rng() * 120)}, ${pick(rng, CITIES)}`;
  if (f.includes('birth'))
    return `19${70 + Math.floor(rng() * 30)}-0${1 + Math.floor(rng() * 9)}-1${Math.floor(rng() * 9)}`;
  if (f.includes('linkedin')) return `https://www.linkedin.com/in/${first.toLowerCase()}-${Math.floor(rng() * 999)}`;
  if (f.includes('portfolio')) return `https://portfolio.example.com/${first.toLowerCase()}`;
  return 'yes';
}

/** Minutes Amsterdam is ahead of UTC at `at` (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(at: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: 'numeric', hourCycle: 'h23' })
    .formatToParts(at)
    .find((p) => p.type === 'hour');
  return ((Number(parts?.value) - new Date(at).getUTCHours() + 24) % 24) * 60;
}

export function answersFor(seed: string, fields: [string, string][], ctx: AnswerContext = {}): [string, unknown][] {
  const rng = createRng(seed);
  const drawn = [pick(rng, FIRST), pick(rng, LAST)] as const; // drawn always: the run's other answers stay the same
  const person = ctx.candidate ? createRng(`candidate:${ctx.candidate}`) : undefined;
  const named = person ? ([pick(person, FIRST), pick(person, LAST)] as const) : drawn;
  const first = ctx.firstName?.trim() || named[0];
  const last = named[1];
  return fields.map(([field, subType]) => [field, answer(field, subType, rng, first, last, ctx)]);
}
