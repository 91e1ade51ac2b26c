import { randomUUID } from 'node:crypto';

/** One operation a served function reports back (`206`): a step it ran, failed, planned… */
export interface InngestOp {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
}

export interface ExecutorRun {
  /** What the function returned. */
  result: unknown;
  /** The requests made, in order, with their status and the ops each answered. */
  calls: { status: number; ops: InngestOp[] }[];
  /** The recorded step results by hashed step id, as the executor would have stored them. */
  steps: Record<string, { type: 'data'; data: unknown }>;
}

/**
 * Drives a function served with `serve()` (e.g. a Next route `/api/inngest`) over HTTP the way the
 * Inngest executor does when no dev server or cloud is at hand (tests): `POST <url>?fnId=<app>-<fn>&stepId=step`
 * with the triggering event, the steps recorded so far and the run context. Each `206` answers the ops
 * the SDK ran (`StepRun` with its result, memoised into `steps` for the next call; a `StepPlanned` step
 * is run by the next call, `stepId=<its id>`); `200` (or a `RunComplete` op) ends the run with the function's result. A step error or any other status throws
 * with the response body. No `fn_id` is sent, so the SDK answers step by step instead of checkpointing
 * to an Inngest API
 * (in dev mode — INNGEST_DEV=1, no signing key — the SDK checks no signature).
 */
export async function runLikeInngestExecutor(opts: {
  /** The serve endpoint, e.g. `http://127.0.0.1:3020/api/inngest`. */
  url: string;
  /** `<app id>-<function id>`, e.g. `levqor-intelligence.weekly-report`. */
  fnId: string;
  event: { name: string; data?: Record<string, unknown>; ts?: number; id?: string };
  /** At most this many requests (default 20). */
  maxCalls?: number;
  headers?: Record<string, string>;
}): Promise<ExecutorRun> {
  const runId = `01${randomUUID().replaceAll('-', '').slice(0, 24).toUpperCase()}`;
  const event = { id: randomUUID(), data: {}, ts: Date.now(), ...opts.event };
  const steps: ExecutorRun['steps'] = {};
  const calls: ExecutorRun['calls'] = [];
  // `step`: run the function on; a planned step's id: run that step (as the executor does after a plan).
  let stepId = 'step';
  for (let attempt = 0; attempt < (opts.maxCalls ?? 20); attempt++) {
    const endpoint = `${opts.url}?fnId=${encodeURIComponent(opts.fnId)}&stepId=${encodeURIComponent(stepId)}`;
    const stack = Object.keys(steps);
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...opts.headers },
      body: JSON.stringify({
        event,
        events: [event],
        steps,
        ctx: {
          run_id: runId,
          attempt: 0,
          disable_immediate_execution: false,
          use_api: false,
          stack: { stack, current: stack.length },
        },
      }),
    });
    const text = await res.text();
    if (res.status === 200) {
      calls.push({ status: 200, ops: [] });
      return { result: text ? JSON.parse(text) : undefined, calls, steps };
    }
    if (res.status !== 206)
      throw new Error(`POST ${endpoint} answered ${res.status}: ${text.slice(0, 2000)}`);
    const ops = JSON.parse(text) as InngestOp[];
    calls.push({ status: 206, ops });
    stepId = 'step';
    for (const op of ops) {
      if (op.op === 'RunComplete') return { result: op.data, calls, steps };
      if (op.op === 'StepRun') steps[op.id] = { type: 'data', data: op.data ?? null };
      else if (op.op === 'StepPlanned') stepId = op.id;
      else
        throw new Error(
          `step ${op.displayName ?? op.name ?? op.id} answered ${op.op}: ${JSON.stringify(op.error ?? op.data)}`,
        );
    }
  }
  throw new Error(`the run did not complete within ${opts.maxCalls ?? 20} calls`);
}
