// The editor's model: the flow and its node actions as loaded (the base) and as edited (the draft), with undo and
// redo. A plain class (no DOM, no requests): the element reads it to render, writes to it on every keystroke, and
// asks it what to send. Every edit makes a new attributes object (never mutated), so a snapshot for undo is a
// shallow copy of one map.
import type { Flow, Node, NodeAction } from '../../api/types.js';
import type { FlowSettingKey } from '../../api/index.js';
import {
  APPOINTMENT_MESSAGE_KEYS,
  checkActionValue,
  checkFlowSettings,
  knownPlaceholders,
  optionLabel,
  unknownPlaceholders,
  withOptionLabel,
  type FieldIssue,
} from '../../shared/whatsapp-limits.js';

export type ResourceType = 'flows' | 'nodeActions';
/** `flows:<id>` or `nodeActions:<id>`. */
export type ResourceKey = `${ResourceType}:${string}`;
type Attrs = Readonly<Record<string, unknown>>;

export const FLOW_SETTINGS: readonly FlowSettingKey[] = [
  'name',
  'reminderMessage',
  'reminderInterval',
  'sessionTimeout',
];

export interface BaseVersion {
  type: ResourceType;
  id: string;
  /** As the server last said (ISO); a save first checks that it has not moved. */
  updatedAt: string | undefined;
  /** The editable attributes only: the four settings of a flow, `{ value }` of a node action. */
  attrs: Attrs;
}

/** One editable text of the flow, in the order the editor shows them. */
export interface FieldRef {
  key: ResourceKey;
  /** `text`, `options/1`, `askDayEN` … for an action; the attribute for the flow. */
  field: string;
}

export interface FieldProblem {
  issue?: FieldIssue;
  /** Placeholder names the flow does not know. */
  unknown?: string[];
}

export const keyOf = (type: ResourceType, id: string): ResourceKey => `${type}:${id}`;
export const parseKey = (key: ResourceKey): { type: ResourceType; id: string } => {
  const i = key.indexOf(':');
  return { type: key.slice(0, i) as ResourceType, id: key.slice(i + 1) };
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const settingsOf = (flow: Flow): Attrs =>
  Object.fromEntries(FLOW_SETTINGS.map((k) => [k, (flow as unknown as Record<string, unknown>)[k] ?? null]));

/** A node action's value with one field set (`text`, `options/<i>`, an appointment message key). */
function setValueField(value: Record<string, unknown>, field: string, next: unknown): Record<string, unknown> {
  const copy = { ...value };
  if (field.startsWith('options/')) {
    const i = Number(field.slice(8));
    const options = Array.isArray(copy.options) ? [...(copy.options as unknown[])] : [];
    options[i] = withOptionLabel(options[i], String(next));
    copy.options = options;
  } else if (next === '' && (APPOINTMENT_MESSAGE_KEYS as readonly string[]).includes(field)) {
    delete copy[field]; // an empty custom message: Recrubo's own text again
  } else copy[field] = next;
  return copy;
}

export function valueField(value: unknown, field: string): string {
  if (!isRecord(value)) return '';
  if (field.startsWith('options/')) {
    const options = Array.isArray(value.options) ? value.options : [];
    return optionLabel(options[Number(field.slice(8))]);
  }
  const v = value[field];
  return typeof v === 'string' ? v : '';
}

export class FlowDraft {
  readonly flowId: string;
  private readonly flow: Flow;
  private readonly nodes: readonly Node[];
  private readonly actions = new Map<string, NodeAction>();
  private base = new Map<ResourceKey, BaseVersion>();
  private current = new Map<ResourceKey, Attrs>();
  private undoStack: Map<ResourceKey, Attrs>[] = [];
  private redoStack: Map<ResourceKey, Attrs>[] = [];
  /** The field the last edit went to: typing on in it adds to that undo step. */
  private lastField: string | undefined;
  readonly known: ReadonlySet<string>;

  constructor(flow: Flow, nodes: readonly Node[]) {
    this.flowId = flow.id;
    this.flow = flow;
    this.nodes = nodes;
    this.setBase({ type: 'flows', id: flow.id, updatedAt: flow.updatedAt, attrs: settingsOf(flow) });
    for (const node of nodes) {
      for (const action of node.nodeActions ?? []) {
        this.actions.set(action.id, action);
        this.setBase({
          type: 'nodeActions',
          id: action.id,
          updatedAt: action.updatedAt,
          attrs: { value: action.value },
        });
      }
    }
    this.known = knownPlaceholders([...this.actions.values()].map((a) => a.variableName));
  }

  private setBase(version: BaseVersion): void {
    const key = keyOf(version.type, version.id);
    this.base.set(key, version);
    this.current.set(key, version.attrs);
  }

  action(id: string): NodeAction | undefined {
    return this.actions.get(id);
  }

  attrs(key: ResourceKey): Attrs {
    return this.current.get(key) ?? {};
  }

  baseOf(key: ResourceKey): BaseVersion | undefined {
    return this.base.get(key);
  }

  /** The text (or number, for the flow's minutes) of one field as edited. */
  get(ref: FieldRef): unknown {
    const attrs = this.attrs(ref.key);
    return parseKey(ref.key).type === 'flows' ? attrs[ref.field] : valueField(attrs.value, ref.field);
  }

  /** One keystroke's worth of change. Consecutive edits of one field are one undo step. */
  set(ref: FieldRef, next: unknown): void {
    if (same(this.get(ref), next)) return;
    const id = `${ref.key}|${ref.field}`;
    if (this.lastField !== id) this.pushUndo();
    this.lastField = id;
    this.redoStack = [];
    const attrs = this.attrs(ref.key);
    this.current.set(
      ref.key,
      parseKey(ref.key).type === 'flows'
        ? { ...attrs, [ref.field]: next }
        : { ...attrs, value: setValueField(isRecord(attrs.value) ? attrs.value : {}, ref.field, next) },
    );
  }

  /** Ends the current undo step (the field lost focus, a save began). */
  seal(): void {
    this.lastField = undefined;
  }

  private pushUndo(): void {
    this.undoStack.push(new Map(this.current));
    if (this.undoStack.length > 200) this.undoStack.shift();
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  undo(): boolean {
    const previous = this.undoStack.pop();
    if (!previous) return false;
    this.redoStack.push(new Map(this.current));
    this.current = previous;
    this.seal();
    return true;
  }

  redo(): boolean {
    const next = this.redoStack.pop();
    if (!next) return false;
    this.undoStack.push(new Map(this.current));
    this.current = next;
    this.seal();
    return true;
  }

  isChanged(key: ResourceKey): boolean {
    return !same(this.current.get(key), this.base.get(key)?.attrs);
  }

  /** The resources whose draft differs from what the server had. */
  changed(): ResourceKey[] {
    return [...this.current.keys()].filter((k) => this.isChanged(k));
  }

  get dirty(): boolean {
    return this.changed().length > 0;
  }

  /** What a PATCH sends: the changed settings of the flow, or the whole `value` of an action. */
  patchFor(key: ResourceKey): Record<string, unknown> {
    const attrs = this.attrs(key);
    if (parseKey(key).type === 'nodeActions') return { value: attrs.value };
    const base = this.base.get(key)?.attrs ?? {};
    return Object.fromEntries(FLOW_SETTINGS.filter((k) => !same(attrs[k], base[k])).map((k) => [k, attrs[k]]));
  }

  /** The server's version becomes the base (after a save, or "keep mine" in a conflict: the draft stays). */
  rebase(key: ResourceKey, updatedAt: string | undefined, attrs: Attrs): void {
    const { type, id } = parseKey(key);
    this.base.set(key, { type, id, updatedAt, attrs });
  }

  /** "Take the server's": base and draft become the server's version (one undo step). */
  takeServer(key: ResourceKey, updatedAt: string | undefined, attrs: Attrs): void {
    this.pushUndo();
    this.redoStack = [];
    this.seal();
    this.rebase(key, updatedAt, attrs);
    this.current.set(key, attrs);
  }

  /** Problems of one resource's draft, by field (limits from the shared WhatsApp rules, unknown placeholders). */
  problems(key: ResourceKey): Map<string, FieldProblem> {
    const out = new Map<string, FieldProblem>();
    const attrs = this.attrs(key);
    const { type, id } = parseKey(key);
    const issues =
      type === 'flows'
        ? checkFlowSettings(attrs)
        : checkActionValue(String(this.actions.get(id)?.subType ?? 'text'), attrs.value);
    for (const issue of issues) if (!out.has(issue.field)) out.set(issue.field, { issue });
    for (const field of this.fields(key)) {
      const text = this.get({ key, field });
      const unknown = typeof text === 'string' ? unknownPlaceholders(text, this.known) : [];
      if (unknown.length) out.set(field, { ...out.get(field), unknown });
    }
    return out;
  }

  /** Every problem of every changed resource (what stops a save). */
  blocking(): FieldRef[] {
    return this.changed().flatMap((key) => [...this.problems(key).keys()].map((field) => ({ key, field })));
  }

  /** The editable fields of a resource, in the order shown. */
  fields(key: ResourceKey): string[] {
    const { type, id } = parseKey(key);
    if (type === 'flows') return [...FLOW_SETTINGS];
    const action = this.actions.get(id);
    const value = this.attrs(key).value;
    const v = isRecord(value) ? value : {};
    const base = this.base.get(key)?.attrs.value;
    const b = isRecord(base) ? base : {};
    const sub = action?.subType;
    if (sub === 'set-variable') return [];
    const fields: string[] = [];
    if ('text' in v || sub === 'text' || sub === 'list' || 'text' in b) fields.push('text');
    if (sub === 'list') (Array.isArray(v.options) ? v.options : []).forEach((_, i) => fields.push(`options/${i}`));
    if (sub === 'appointment') {
      const present = APPOINTMENT_MESSAGE_KEYS.filter((k) => k in v || k in b);
      const lang = present.some((k) => k.endsWith('NL')) && !present.some((k) => k.endsWith('EN')) ? 'NL' : 'EN';
      fields.push(...APPOINTMENT_MESSAGE_KEYS.filter((k) => present.includes(k) || k.endsWith(lang)));
    }
    return fields;
  }

  /** The flow and its nodes with the draft applied: what the chat preview shows (the same model as the preview). */
  edited(): { flow: Flow; nodes: Node[] } {
    const settings = this.attrs(keyOf('flows', this.flowId));
    const flow = { ...this.flow, ...settings } as Flow;
    const nodes = this.nodes.map((node) => ({
      ...node,
      nodeActions: (node.nodeActions ?? []).map((a) => ({
        ...a,
        value: (this.attrs(keyOf('nodeActions', a.id)).value ?? a.value) as Record<string, unknown>,
      })),
    }));
    return { flow, nodes };
  }
}
