import { AsyncLocalStorage } from 'node:async_hooks';

/** What a log line and an error report say about the work in progress (all optional). */
export interface ObsContext {
  requestId?: string;
  jobId?: string;
  workspaceId?: string;
  runId?: string;
  functionId?: string;
}

// One store per process, even when a bundler (Next) loads this module a second time.
const KEY = Symbol.for('levqor.observability.context');
const slot = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<ObsContext> };
slot[KEY] ??= new AsyncLocalStorage<ObsContext>();
const storage = slot[KEY];

/** Runs `fn` with `fields` added to the context of every log line and error report inside it. */
export function withContext<T>(fields: ObsContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...defined(fields) }, fn);
}

/** Adds fields learnt midway (e.g. the workspace once the caller is known) to the current context. */
export function addContext(fields: ObsContext): void {
  const store = storage.getStore();
  if (store) Object.assign(store, defined(fields));
}

export function currentContext(): ObsContext {
  return storage.getStore() ?? {};
}

function defined(fields: ObsContext): ObsContext {
  const out: ObsContext = {};
  for (const [k, v] of Object.entries(fields)) if (typeof v === 'string' && v) out[k as keyof ObsContext] = v;
  return out;
}
