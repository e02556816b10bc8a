/** What the simulated candidate answers, keyed by sessionField; deterministic per run. */
import { createRng, pick, type Rng } from './prng.ts';

const FIRST = ['Sanne', 'Daan', 'Emma', 'Noah', 'Julia', 'Liam', 'Fatima', 'Mohammed', 'Lotte', 'Finn', 'Zoë', 'Sem'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'El Amrani', 'Mulder', 'de Boer', 'Yılmaz'];
const CITIES = ['Amsterdam', 'Rotterdam', 'Utrecht', 'Den Haag', 'Eindhoven', 'Groningen'];

function answer(field: string, subType: string, rng: Rng, first: string, last: string): unknown {
  const f = field.toLowerCase();
  if (subType === 'appointment')
    return {
      scheduleId: String(1 + Math.floor(rng() * 3)),
      dateTime: '2025-10-0' + (1 + Math.floor(rng() * 8)) + 'T10:30:00+02:00',
    };
  if (subType === 'list') return rng() < 0.8 ? 'yes' : 'no';
  if (f.includes('first')) return first;
  if (f.includes('last')) return last;
  if (f === 'name' || f.includes('full_name')) return `${first} ${last}`;
  if (f.includes('mail')) return `${first.toLowerCase()}.${last.toLowerCase().replace(/[^a-z]/g, '')}@example.com`;
  if (f.includes('phone')) return `316${String(10000000 + Math.floor(rng() * 89999999))}`;
  if (f.includes('postal')) return `${1000 + Math.floor(rng() * 8999)} AB`;
  if (f.includes('city') || f.includes('location')) return pick(rng, CITIES);
  if (f.includes('address')) return `Dorpsstraat ${1 + Math.floor(rng() * 120)}, ${pick(rng, CITIES)}`;
  if (f.includes('birth'))
    return `19${70 + Math.floor(rng() * 30)}-0${1 + Math.floor(rng() * 9)}-1${Math.floor(rng() * 9)}`;
  if (f.includes('linkedin')) return `https://www.linkedin.com/in/${first.toLowerCase()}-${Math.floor(rng() * 999)}`;
  if (f.includes('portfolio')) return `https://portfolio.example.com/${first.toLowerCase()}`;
  return 'yes';
}

export function answersFor(seed: string, fields: [string, string][]): [string, unknown][] {
  const rng = createRng(seed);
  const first = pick(rng, FIRST);
  const last = pick(rng, LAST);
  return fields.map(([field, subType]) => [field, answer(field, subType, rng, first, last)]);
}
