import type { Ending, ScriptLine } from './conversation.ts';

/** In-memory records of one tenant. Attributes are kept as the API shows them; simulation state sits beside. */

export type TypeName =
  | 'flowGenerations'
  | 'flows'
  | 'nodes'
  | 'nodeActions'
  | 'nodeTransitions'
  | 'messageThreads'
  | 'messages'
  | 'messageTemplates'
  | 'flowRuns'
  | 'vacancyAnalyses'
  | 'schedules'
  | 'candidates'
  | 'candidateStatuses'
  | 'conversations';

/** Where a record is in its simulated life cycle (virtual ms); removed once the record has settled. */
export type Sim =
  | { kind: 'generation'; processingAt: number; finishedAt: number }
  | { kind: 'analysis'; processingAt: number; finishedAt: number }
  | {
      kind: 'run';
      runningAt: number;
      stepMs: number;
      /** The flow's sessionFields in question order, and the answer the simulated candidate gives to each. */
      answers: [string, unknown][];
      baseState: Record<string, unknown>;
      /** Virtual ms at which its thread's chatbot was paused: the run is held there until resumed. */
      pausedAt?: number;
      /** The conversation the run writes as it goes (conversation.ts), and how many lines are written. */
      lines?: ScriptLine[];
      written?: number;
      /** How the run ends if it runs its course (set on the run when it does; a PATCHed status has none). */
      ending?: Ending;
    }
  | {
      kind: 'message';
      /** Virtual ms of each delivery step; `failedAt` replaces them when the provider refuses the message. */
      sentAt: number;
      deliveredAt: number;
      readAt: number | null;
      failedAt: number | null;
    };

export interface Rec {
  id: string;
  type: TypeName;
  /** Real epoch ms. */
  createdAt: number;
  updatedAt: number;
  attrs: Record<string, unknown>;
  sim?: Sim;
  /** A FlowRun's ending as its simulation decides it (accepted, or declined by which knockout). */
  ending?: Ending;
}

export class Store {
  private readonly tables = new Map<TypeName, Map<string, Rec>>();

  private table(type: TypeName): Map<string, Rec> {
    let t = this.tables.get(type);
    if (!t) this.tables.set(type, (t = new Map()));
    return t;
  }

  all(type: TypeName): Rec[] {
    return [...this.table(type).values()];
  }

  get(type: TypeName, id: string): Rec | undefined {
    return this.table(type).get(id);
  }

  put(rec: Rec): Rec {
    this.table(rec.type).set(rec.id, rec);
    return rec;
  }

  delete(type: TypeName, id: string): boolean {
    return this.table(type).delete(id);
  }

  where(type: TypeName, attr: string, value: unknown): Rec[] {
    return this.all(type).filter((r) => r.attrs[attr] === value);
  }
}
