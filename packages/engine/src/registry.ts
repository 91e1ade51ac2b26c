import type { FunctionDefinition } from './define-function';
import { assertCron } from './local/cron';

/** All job definitions of an application, indexed for the engines. */
export interface Registry {
  readonly definitions: readonly FunctionDefinition[];
  get(id: string): FunctionDefinition | undefined;
  /** Definitions whose trigger is `event`. */
  triggeredBy(event: string): readonly FunctionDefinition[];
  /** Definitions with a `cancelOn` for `event`. */
  cancelledBy(event: string): readonly FunctionDefinition[];
  /** Definitions triggered by a cron schedule. */
  readonly crons: readonly (FunctionDefinition & { trigger: { cron: string } })[];
}

// Definitions of different payload types live side by side: the registry erases the payload type.
// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of definitions
type AnyDefinition = FunctionDefinition<any>;

export function createRegistry(definitions: readonly AnyDefinition[]): Registry {
  const byId = new Map<string, FunctionDefinition>();
  const byEvent = new Map<string, FunctionDefinition[]>();
  const byCancel = new Map<string, FunctionDefinition[]>();
  const crons: (FunctionDefinition & { trigger: { cron: string } })[] = [];
  for (const def of definitions as readonly FunctionDefinition[]) {
    if (byId.has(def.id)) throw new Error(`Duplicate job id "${def.id}"`);
    byId.set(def.id, def);
    if ('event' in def.trigger) {
      byEvent.set(def.trigger.event, [...(byEvent.get(def.trigger.event) ?? []), def]);
    } else {
      assertCron(def.trigger.cron, def.id);
      crons.push(def as FunctionDefinition & { trigger: { cron: string } });
    }
    if (def.cancelOn) byCancel.set(def.cancelOn.event, [...(byCancel.get(def.cancelOn.event) ?? []), def]);
  }
  return {
    definitions: [...byId.values()],
    get: (id) => byId.get(id),
    triggeredBy: (event) => byEvent.get(event) ?? [],
    cancelledBy: (event) => byCancel.get(event) ?? [],
    crons,
  };
}
