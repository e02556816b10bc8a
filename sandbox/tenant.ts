/** One complete, separately seeded sandbox: data, simulated clock, settings (speed, faults) and request log. */
import { VirtualClock } from './clock.ts';
import type { FaultSettings, TenantSettings } from './options.ts';
import type { Kept } from './idempotency.ts';
import { createRng, type Rng } from './prng.ts';
import { seedData, type SeedIds } from './seed.ts';
import { Store } from './store.ts';

export interface LogEntry {
  method: string;
  /** The API path without the tenant prefix, e.g. `/public/v2/flow-runs/<id>`. */
  path: string;
  /** The raw query string without `?` ('' when none). */
  query: string;
  /** 0 for a dropped connection. */
  status: number;
  /** A POST answered from its `Idempotency-Key` (the first answer again; nothing was done twice). */
  replayed?: boolean;
  at: string;
}

const MAX_LOG = 1000;

/** Why no tenant: a bad name (400), or the sandbox is full and every tenant is in use (503). */
export interface TenantRefusal {
  refused: true;
  status: 400 | 503;
  message: string;
  retryAfter?: number;
}

export class Tenant {
  store!: Store;
  clock!: VirtualClock;
  seed!: SeedIds;
  settings!: TenantSettings;
  log: LogEntry[] = [];
  /** Idempotency-Key → the first answer (idempotency.ts). */
  idempotency = new Map<string, Kept>();
  /** Decides faults; re-seeded on reset so a test sees the same sequence every time. */
  faultRng!: Rng;
  readonly newId = (): string => crypto.randomUUID();
  /** When a request or control call last reached this tenant (the sandbox's `now`). */
  lastUsed = 0;
  /** Requests being answered now: a tenant with one is in use, never dropped. */
  active = 0;

  constructor(
    readonly name: string,
    private readonly defaults: TenantSettings,
    readonly now: () => number,
  ) {
    this.reset();
  }

  /** API root of this tenant, for `links.related`. */
  get base(): string {
    return this.name === 'default' ? '/public/v2' : `/__sandbox/${this.name}/public/v2`;
  }

  reset(): void {
    this.settings = { speed: this.defaults.speed, faults: { ...this.defaults.faults } };
    if (this.defaults.inboxActivity) this.settings.inboxActivity = this.defaults.inboxActivity;
    this.store = new Store();
    this.clock = new VirtualClock(this.now, this.settings.speed);
    this.seed = seedData(this, this.now());
    this.log = [];
    this.idempotency = new Map();
    this.faultRng = createRng(`faults:${this.name}`);
  }

  setSpeed(speed: number): void {
    this.settings.speed = speed;
    this.clock.setSpeed(speed);
  }

  setFaults(faults: FaultSettings): void {
    this.settings.faults = { ...faults };
    this.faultRng = createRng(`faults:${this.name}`);
  }

  record(entry: Omit<LogEntry, 'at'>): void {
    this.log.push({ ...entry, at: new Date(this.now()).toISOString() });
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
  }
}
