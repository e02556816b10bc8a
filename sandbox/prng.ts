/**
 * Deterministic randomness: the seed data (and its UUIDs) must be the same on every start and in every tenant,
 * and fault decisions must be reproducible per tenant.
 */

/** FNV-1a: a stable 32-bit seed from a string (tenant name, record id). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type Rng = () => number;

/** mulberry32: small, fast and good enough for demo data; returns [0, 1). */
export function createRng(seed: number | string): Rng {
  let a = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version-4-shaped UUID drawn from `rng`. */
export function uuidFrom(rng: Rng): string {
  const hex: string[] = [];
  for (let i = 0; i < 16; i++)
    hex.push(
      Math.floor(rng() * 256)
        .toString(16)
        .padStart(2, '0'),
    );
  hex[6] = `4${(hex[6] as string)[1]}`;
  hex[8] = ((parseInt(hex[8] as string, 16) & 0x3f) | 0x80).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
