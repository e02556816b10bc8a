/**
 * Simulated life cycles, computed lazily: before each API request the tenant's records are brought up to the
 * current virtual time. No timers, so nothing leaks and an injected clock controls everything.
 */
import type { Rec } from './store.ts';
import type { Tenant } from './tenant.ts';
import { buildFlow } from './flow-builder.ts';
import { advanceInbox } from './inbox.ts';
import { analyzeVacancy } from './skills.ts';
import type { ScriptLine } from './conversation.ts';
import { advanceMessage, BOT_NAME, textPayload, writeMessage } from './messages.ts';
import type { VacancyFlowParameters } from '../src/shared/vacancy-flow-rules.ts';

/** Virtual ms at speed 1: FlowGeneration queued 2 s, processing 4 s; FlowRun queued 1 s, one answer per 1.5 s. */
export const TIMING = {
  generationQueued: 2000,
  generationProcessing: 4000,
  generationCost: 3,
  runQueued: 1000,
  /** A run with `initialMessage: {}` stays queued until the simulated candidate writes first. */
  runWaitsForCandidate: 5000,
  runStep: 1500,
  analysisQueued: 500,
  analysisProcessing: 1500,
} as const;

export function advance(t: Tenant): void {
  const v = t.clock.virtual();
  for (const rec of t.store.all('flowGenerations')) advanceGeneration(t, rec, v);
  for (const rec of t.store.all('flowRuns')) advanceRun(t, rec, v);
  for (const rec of t.store.all('vacancyAnalyses')) advanceAnalysis(t, rec, v);
  for (const rec of t.store.all('messages')) if (rec.sim) advanceMessage(t, rec, v);
  advanceInbox(t);
}

function set(t: Tenant, rec: Rec, attrs: Record<string, unknown>): void {
  const changed = Object.entries(attrs).some(([k, val]) => JSON.stringify(rec.attrs[k]) !== JSON.stringify(val));
  if (!changed) return;
  Object.assign(rec.attrs, attrs);
  rec.updatedAt = t.now();
}

function advanceGeneration(t: Tenant, rec: Rec, v: number): void {
  const sim = rec.sim;
  if (sim?.kind !== 'generation') return;
  if (v < sim.processingAt) return set(t, rec, { status: 'queued' });
  if (v < sim.finishedAt) return set(t, rec, { status: 'processing' });
  const params = rec.attrs.parameters as VacancyFlowParameters;
  const flow = buildFlow(t.store, {
    flowId: t.newId(),
    name: params.flowName?.trim() || 'Generated flow',
    parameters: params,
    flowGenerationId: rec.id,
    at: t.now(),
    newId: t.newId,
  });
  delete rec.sim;
  set(t, rec, { status: 'finished', flowId: flow.id, cost: TIMING.generationCost });
}

/** The run's status/state/cost at virtual time `v` while it follows its simulation. */
function advanceRun(t: Tenant, rec: Rec, now: number): void {
  const sim = rec.sim;
  if (sim?.kind !== 'run') return;
  const v = sim.pausedAt ?? now;
  writeLines(t, rec, sim, v);
  if (v < sim.runningAt) return set(t, rec, { status: 'queued', cost: 0, state: sim.baseState });
  const answered = Math.min(sim.answers.length, Math.floor((v - sim.runningAt) / sim.stepMs));
  const state = { ...sim.baseState, ...Object.fromEntries(sim.answers.slice(0, answered)) };
  const done = v >= sim.runningAt + (sim.answers.length + 1) * sim.stepMs;
  if (done) {
    if (sim.ending) rec.ending = sim.ending;
    delete rec.sim;
  }
  set(t, rec, { status: done ? 'finished' : 'running', state, cost: 1 + 2 * answered });
}

type RunSim = Extract<NonNullable<Rec['sim']>, { kind: 'run' }>;

/** Writes the run's conversation lines that are due by virtual time `v`, each at its own moment. */
function writeLines(t: Tenant, rec: Rec, sim: RunSim, v: number): void {
  const lines = sim.lines ?? [];
  const threadId = String(rec.attrs.messageThreadId);
  const thread = t.store.get('messageThreads', threadId);
  let n = sim.written ?? 0;
  for (; n < lines.length; n++) {
    const line = lines[n] as ScriptLine;
    const at = sim.runningAt + line.offset;
    if (at > v) break;
    if (!thread) continue;
    writeMessage(t, {
      threadId,
      origin: line.origin,
      sendBy: line.origin === 'outbound' ? BOT_NAME : String(thread.attrs.identifier),
      payload: textPayload(line.text),
      at,
    });
  }
  sim.written = n;
}

function advanceAnalysis(t: Tenant, rec: Rec, v: number): void {
  const sim = rec.sim;
  if (sim?.kind !== 'analysis') return;
  if (v < sim.processingAt) return set(t, rec, { status: 'queued' });
  if (v < sim.finishedAt) return set(t, rec, { status: 'processing' });
  delete rec.sim;
  set(t, rec, { status: 'finished', analyzeResult: analyzeVacancy(String(rec.attrs.inputText)) });
}

/**
 * `chatbotPaused` on a thread holds its simulated runs where they are; resuming shifts their schedule by the
 * paused time (the clock keeps running, so nothing jumps ahead on resume). Call after `advance(t)`.
 */
export function setThreadPaused(t: Tenant, threadId: string, paused: boolean): void {
  const v = t.clock.virtual();
  for (const rec of t.store.where('flowRuns', 'messageThreadId', threadId)) {
    const sim = rec.sim;
    if (sim?.kind !== 'run') continue;
    if (paused) sim.pausedAt ??= v;
    else if (sim.pausedAt !== undefined) {
      sim.runningAt += v - sim.pausedAt;
      delete sim.pausedAt;
    }
  }
}

/** Virtual ms until a generation or analysis finishes (for `?sync=true`). */
export function remaining(rec: Rec, v: number): number {
  return rec.sim && 'finishedAt' in rec.sim ? Math.max(0, rec.sim.finishedAt - v) : 0;
}

/** Makes a pending job due now (used after `?sync=true` waited), then settles it. */
export function finishNow(t: Tenant, rec: Rec): void {
  if (rec.sim && 'finishedAt' in rec.sim) {
    const v = t.clock.virtual();
    rec.sim.processingAt = Math.min(rec.sim.processingAt, v);
    rec.sim.finishedAt = Math.min(rec.sim.finishedAt, v);
  }
  advance(t);
}
