/**
 * The load generator of `stripe-webhook.bench.ts`, in its own process (Stripe is not in the server's
 * event loop either): signs each body as Stripe does, POSTs it, and sends back the time to response of
 * each delivery (ms) and the failures. Two shapes of load:
 * - `saturate`: `concurrency` deliveries in flight at all times (the next one leaves as one is answered),
 *   so the machine is saturated and the time to 2xx is mostly queueing (about concurrency ÷ throughput);
 * - `bursts`: `concurrency` deliveries leave at once, then nothing until all are answered and `gapMs` has
 *   passed — how a spike reaches a webhook (many renewals at one instant), on a machine otherwise idle.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import Stripe from 'stripe';

export interface Order {
  target: string;
  secret: string;
  concurrency: number;
  bodies: string[];
  mode: 'saturate' | 'bursts';
  gapMs: number;
}

async function post(order: Order, body: string, signature: string): Promise<{ ms: number; ok: boolean }> {
  const t = performance.now();
  const res = await fetch(order.target, { method: 'POST', headers: { 'stripe-signature': signature }, body });
  await res.arrayBuffer();
  return { ms: performance.now() - t, ok: res.status === 200 };
}

process.once('message', async (order: Order) => {
  const latencies: number[] = [];
  let failures = 0;
  const record = (r: { ms: number; ok: boolean }) => {
    latencies.push(r.ms);
    if (!r.ok) failures += 1;
  };
  const sign = (payload: string) =>
    Stripe.webhooks.generateTestHeaderString({ payload, secret: order.secret });
  const started = performance.now();
  if (order.mode === 'bursts') {
    for (let i = 0; i < order.bodies.length; i += order.concurrency) {
      // Signed before the clock starts: every delivery of the burst leaves at the same instant.
      const burst = order.bodies.slice(i, i + order.concurrency).map((b) => [b, sign(b)] as const);
      for (const r of await Promise.all(burst.map(([b, s]) => post(order, b, s)))) record(r);
      await sleep(order.gapMs);
    }
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: order.concurrency }, async () => {
        while (next < order.bodies.length) {
          const body = order.bodies[next++]!;
          record(await post(order, body, sign(body)));
        }
      }),
    );
  }
  process.send?.({ latencies, failures, seconds: (performance.now() - started) / 1000 }, () =>
    process.exit(0),
  );
});
