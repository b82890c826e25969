/**
 * Incremental rendering for a warm process (`--watch`): a template's output depends only on what it reads of
 * its context (the helpers read nothing else that changes within a run: the profile's text rules, fixed for
 * the session). A render made through `recordReads` reads the context through proxies that log every read:
 * each property read with its value (or, for an object, its kind), each `in` test, each key listing. On the
 * next run, `readsAgree` replays the log against the new context; when every read gives what it gave, the
 * output is the same, and the template need not run.
 *
 * The log holds the paths it read, from the context down (`services[0].resources[2].operations`), as a table
 * of nodes: replay walks each path once. A render that wrote into its context, or reached a value it could not
 * watch, is not reused.
 */

/** What a read saw when the value was an object: its kind (the reads below it say the rest). */
const OBJECT = Symbol('object');
const ARRAY = Symbol('array');
const FUNCTION = Symbol('function');

type Seen = string | number | boolean | bigint | null | undefined | typeof OBJECT | typeof ARRAY | typeof FUNCTION;

/** A read: [node, what, key, what it gave]. `get` a property, `has` (`in`), `own` (hasOwnProperty), `keys`. */
type Read = [node: number, op: 'get' | 'has' | 'own' | 'keys', key: string, seen: Seen];

export interface ReadLog {
  /** Node i > 0 is node `parents[i]`'s property `keys[i]`; node 0 is the context. */
  parents: number[];
  keys: string[];
  reads: Read[];
}

function seenOf(value: unknown): Seen {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value as Seen;
  if (typeof value === 'function') return FUNCTION;
  return Array.isArray(value) ? ARRAY : OBJECT;
}

/** One recording: the proxies it handed out and what was read through them. */
class Recorder {
  readonly log: ReadLog = { parents: [-1], keys: [''], reads: [] };
  /** A read seen once is logged once. */
  readonly #logged = new Set<string>();
  readonly #proxies = new WeakMap<object, object>();
  /** Set when the render wrote into its context: its output is not reused. */
  unsafe = false;

  wrapRoot<T extends object>(root: T): T {
    return this.#wrap(root, 0) as T;
  }

  #read(node: number, op: Read[1], key: string, seen: Seen): void {
    const id = `${node}\u0000${op}\u0000${key}`;
    if (this.#logged.has(id)) return;
    this.#logged.add(id);
    this.log.reads.push([node, op, key, seen]);
  }

  #child(value: object, parent: number, key: string): object {
    const known = this.#proxies.get(value);
    if (known !== undefined) return known;
    const node = this.log.parents.length;
    this.log.parents.push(parent);
    this.log.keys.push(key);
    return this.#wrap(value, node);
  }

  #wrap(target: object, node: number): object {
    const proxy = new Proxy(target, {
      get: (t, key, receiver) => {
        const value: unknown = Reflect.get(t, key, receiver);
        if (typeof key === 'symbol') return value;
        this.#read(node, 'get', key, seenOf(value));
        return value !== null && typeof value === 'object' ? this.#child(value, node, key) : value;
      },
      has: (t, key) => {
        const result = Reflect.has(t, key);
        if (typeof key !== 'symbol') this.#read(node, 'has', key, result);
        return result;
      },
      getOwnPropertyDescriptor: (t, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(t, key);
        if (typeof key === 'symbol') return descriptor;
        this.#read(node, 'own', key, descriptor !== undefined);
        if (descriptor !== undefined && 'value' in descriptor) {
          this.#read(node, 'get', key, seenOf(descriptor.value));
          // A data property's value, as `get` would give it (configurable: plain data, which plans are).
          if (descriptor.value !== null && typeof descriptor.value === 'object' && descriptor.configurable) descriptor.value = this.#child(descriptor.value as object, node, key);
        }
        return descriptor;
      },
      ownKeys: (t) => {
        const keys = Reflect.ownKeys(t);
        this.#read(node, 'keys', '', keys.filter((k) => typeof k === 'string').join('\u0000'));
        return keys;
      },
      set: (t, key, value, receiver) => {
        this.unsafe = true;
        return Reflect.set(t, key, value, receiver);
      },
      deleteProperty: (t, key) => {
        this.unsafe = true;
        return Reflect.deleteProperty(t, key);
      },
      defineProperty: (t, key, descriptor) => {
        this.unsafe = true;
        return Reflect.defineProperty(t, key, descriptor);
      },
    });
    this.#proxies.set(target, proxy);
    return proxy;
  }
}

/** Runs `render` on a watched view of `context`; returns its output and what it read (undefined: not reusable). */
export function recordReads<C extends object>(context: C, render: (watched: C) => string): { output: string; log: ReadLog | undefined } {
  const recorder = new Recorder();
  const output = render(recorder.wrapRoot(context));
  return { output, log: recorder.unsafe ? undefined : recorder.log };
}

/** Whether every read of the log gives, on `context`, what it gave when it was recorded. */
export function readsAgree(log: ReadLog, context: object): boolean {
  const resolved: unknown[] = new Array(log.parents.length);
  resolved[0] = context;
  for (let i = 1; i < log.parents.length; i++) {
    const parent = resolved[log.parents[i]!];
    resolved[i] = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[log.keys[i]!] : undefined;
  }
  for (const [node, op, key, seen] of log.reads) {
    const target = resolved[node];
    if (target === null || typeof target !== 'object') return false;
    switch (op) {
      case 'get':
        if (!Object.is(seenOf((target as Record<string, unknown>)[key]), seen)) return false;
        break;
      case 'has':
        if (key in target !== seen) return false;
        break;
      case 'own':
        if (Object.prototype.hasOwnProperty.call(target, key) !== seen) return false;
        break;
      case 'keys':
        if (Reflect.ownKeys(target).filter((k) => typeof k === 'string').join('\u0000') !== seen) return false;
        break;
    }
  }
  return true;
}

/**
 * The renders of a warm process, by a key the caller makes (target, template, and which call of it this is):
 * `render` returns the last output when the context reads the same, else renders (recording) and keeps it.
 * `reset` drops everything (the templates or the config changed).
 */
export class RenderMemo {
  readonly #entries = new Map<string, { log: ReadLog; output: string }>();
  /** How many renders the last run reused and made: for the summary and the tests. */
  reused = 0;
  rendered = 0;

  render<C extends object>(key: string, context: C, render: (context: C) => string): string {
    const entry = this.#entries.get(key);
    if (entry !== undefined && readsAgree(entry.log, context)) {
      this.reused++;
      return entry.output;
    }
    this.rendered++;
    const { output, log } = recordReads(context, render);
    if (log !== undefined) this.#entries.set(key, { log, output });
    else this.#entries.delete(key);
    return output;
  }

  startRun(): void {
    this.reused = 0;
    this.rendered = 0;
  }

  reset(): void {
    this.#entries.clear();
  }
}
