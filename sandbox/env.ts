import type { Tenant } from './tenant.ts';

/** Hono context variables of API routes: the tenant the request is for. */
export type Env = { Variables: { tenant: Tenant } };
