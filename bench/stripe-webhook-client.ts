/**
 * The load generator of `stripe-webhook.bench.ts`, in its own process (Stripe is not in the server's
 * event loop either): signs each body as Stripe does, POSTs it, `concurrency` at a time, and sends back
 * the time to response of each delivery (ms) and the failures.
 */
import Stripe from 'stripe';

interface Order {
  target: string;
  secret: string;
  concurrency: number;
  bodies: string[];
}

process.once('message', async (order: Order) => {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: order.concurrency }, async () => {
      while (next < order.bodies.length) {
        const body = order.bodies[next++]!;
        const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: order.secret });
        const t = performance.now();
        const res = await fetch(order.target, {
          method: 'POST',
          headers: { 'stripe-signature': signature },
          body,
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        if (res.status !== 200) failures += 1;
      }
    }),
  );
  process.send?.({ latencies, failures, seconds: (performance.now() - started) / 1000 }, () =>
    process.exit(0),
  );
});
