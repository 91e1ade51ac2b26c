import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeForm, type FormValue, record, str } from './form';
import { pageFor } from './pages';
import { missing, type StandinOptions, StripeApiError, type StripeObject, StripeStandin } from './standin';

export interface RunningStandin {
  /** e.g. `http://127.0.0.1:12111`: STRIPE_API_BASE for the SDK, and the pages' origin. */
  url: string;
  standin: StripeStandin;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new StripeApiError(413, 'invalid_request_error', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A Stripe list page: `limit` items after `startingAfter` (an id in `data`), and whether more follow. */
function list(data: StripeObject[], url: string, limit = 10, startingAfter?: string | null) {
  const from = startingAfter ? data.findIndex((x) => x.id === startingAfter) + 1 : 0;
  const rest = data.slice(from);
  return { object: 'list', data: rest.slice(0, limit), has_more: rest.length > limit, url };
}

const newestFirst = (a: StripeObject, b: StripeObject) => (b.created as number) - (a.created as number);

/** The Stripe REST routes the stand-in answers (`/v1/…`), over decoded form params and the query. */
function api(
  s: StripeStandin,
  method: string,
  path: string,
  form: Record<string, FormValue>,
  query: URLSearchParams,
): unknown {
  const limit = Math.min(Number(query.get('limit') ?? form.limit ?? 10) || 10, 100);
  let m = [] as unknown as RegExpMatchArray;
  /** Whether `path` matches `re`; its captures are then in `m`. */
  const route = (re: RegExp) => {
    const found = path.match(re);
    if (found) m = found;
    return found !== null;
  };
  if (method === 'POST' && path === '/v1/customers')
    return s.createCustomer({
      email: str(form.email),
      name: str(form.name),
      metadata: record(form.metadata),
    });
  if (method === 'GET' && route(/^\/v1\/customers\/([\w]+)$/)) return s.customer(m[1]!);
  if (route(/^\/v1\/customers\/([\w]+)\/balance_transactions$/)) {
    if (method === 'POST')
      return s.createBalanceTransaction(m[1]!, {
        amount: str(form.amount),
        currency: str(form.currency),
        description: str(form.description),
        metadata: record(form.metadata),
      });
    if (method === 'GET') {
      s.customer(m[1]!);
      const txns = [...s.balanceTransactions.values()].filter((t) => t.customer === m[1]).sort(newestFirst);
      return list(txns, `/v1/customers/${m[1]}/balance_transactions`, limit, query.get('starting_after'));
    }
  }
  if (method === 'POST' && path === '/v1/checkout/sessions') {
    const items = Array.isArray(form.line_items) ? form.line_items : [];
    const first = (items[0] ?? {}) as Record<string, FormValue>;
    return s.publicSession(
      s.createCheckoutSession({
        mode: str(form.mode),
        customer: str(form.customer),
        priceId: str(first.price),
        quantity: Number(str(first.quantity) ?? 1),
        successUrl: str(form.success_url),
        cancelUrl: str(form.cancel_url),
        clientReferenceId: str(form.client_reference_id),
        metadata: record(form.metadata),
      }),
    );
  }
  if (method === 'GET' && route(/^\/v1\/checkout\/sessions\/([\w]+)$/))
    return s.publicSession(s.checkoutSession(m[1]!));
  if (method === 'POST' && path === '/v1/billing_portal/sessions')
    return s.createPortalSession({ customer: str(form.customer), returnUrl: str(form.return_url) });
  if (method === 'GET' && path === '/v1/subscriptions') {
    const customer = query.get('customer');
    const status = query.get('status');
    const subs = [...s.subscriptions.values()]
      .filter((x) => !customer || x.customer === customer)
      .filter((x) => (status === 'all' ? true : status ? x.status === status : x.status !== 'canceled'))
      .sort(newestFirst);
    return list(subs, '/v1/subscriptions', limit, query.get('starting_after'));
  }
  if (route(/^\/v1\/subscriptions\/([\w]+)$/)) {
    if (method === 'GET') return s.subscription(m[1]!);
    if (method === 'DELETE') return s.cancelSubscription(m[1]!);
    if (method === 'POST') {
      const items = Array.isArray(form.items) ? form.items : [];
      const cancel = str(form.cancel_at_period_end);
      return s.updateSubscription(m[1]!, {
        priceId: str(((items[0] ?? {}) as Record<string, FormValue>).price),
        cancelAtPeriodEnd: cancel === undefined ? undefined : cancel === 'true',
      });
    }
  }
  if (method === 'GET' && path === '/v1/invoices') {
    const customer = query.get('customer');
    const invoices = [...s.invoices.values()]
      .filter((x) => !customer || x.customer === customer)
      .sort(newestFirst);
    return list(invoices, '/v1/invoices', limit, query.get('starting_after'));
  }
  if (method === 'GET' && route(/^\/v1\/invoices\/([\w]+)$/)) return s.invoice(m[1]!);
  if (method === 'POST' && path === '/v1/billing/meter_events')
    return s.createMeterEvent({
      eventName: str(form.event_name),
      identifier: str(form.identifier),
      payload: record(form.payload),
    });
  if (method === 'POST' && path === '/v1/products') return s.catalog.createProduct(form);
  if (method === 'GET' && path === '/v1/products')
    return list(
      [...s.catalog.products.values()].sort(newestFirst),
      '/v1/products',
      limit,
      query.get('starting_after'),
    );
  if (method === 'GET' && route(/^\/v1\/products\/([\w]+)$/)) return s.catalog.product(m[1]!);
  if (method === 'POST' && path === '/v1/prices') return s.catalog.createPrice(form);
  if (method === 'GET' && path === '/v1/prices')
    return list(s.catalog.listPrices(query), '/v1/prices', limit, query.get('starting_after'));
  if (method === 'GET' && route(/^\/v1\/prices\/([\w]+)$/)) {
    const price = s.catalog.prices.get(m[1]!);
    if (!price) throw missing('price', m[1]!);
    return price;
  }
  if (method === 'POST' && path === '/v1/coupons') return s.discounts.createCoupon(form);
  if (method === 'GET' && path === '/v1/coupons')
    return list([...s.discounts.coupons.values()].sort(newestFirst), '/v1/coupons', limit);
  if (method === 'GET' && route(/^\/v1\/coupons\/([\w-]+)$/)) return s.discounts.coupon(m[1]!);
  if (method === 'POST' && path === '/v1/promotion_codes') return s.discounts.createPromotionCode(form);
  if (method === 'GET' && path === '/v1/promotion_codes') {
    const code = query.get('code');
    const codes = [...s.discounts.promotionCodes.values()]
      .filter((p) => !code || p.code === code)
      .sort(newestFirst);
    return list(codes, '/v1/promotion_codes', limit);
  }
  if (method === 'GET' && route(/^\/v1\/promotion_codes\/([\w]+)$/)) return s.discounts.promotionCode(m[1]!);
  if (method === 'GET' && path === '/v1/events') return list([...s.events].reverse(), '/v1/events', limit);
  if (method === 'GET' && route(/^\/v1\/events\/([\w]+)$/)) {
    const e = s.events.find((x) => x.id === m[1]);
    if (!e) throw missing('event', m[1]!);
    return e;
  }
  throw new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
}

/** Control routes for the pages and for tests (`/_standin/…`): what a person does on Stripe's side. */
function control(s: StripeStandin, path: string, form: Record<string, FormValue>): StripeObject | null {
  let m = [] as unknown as RegExpMatchArray;
  /** Whether `path` matches `re`; its captures are then in `m`. */
  const route = (re: RegExp) => {
    const found = path.match(re);
    if (found) m = found;
    return found !== null;
  };
  if (route(/^\/_standin\/checkout\/([\w]+)\/complete$/)) return s.completeCheckout(m[1]!);
  if (route(/^\/_standin\/subscriptions\/([\w]+)\/renew$/))
    return s.renew(m[1]!, str(form.fail) === undefined ? undefined : str(form.fail) === 'true');
  if (route(/^\/_standin\/subscriptions\/([\w]+)\/next-renewal$/)) {
    s.subscription(m[1]!);
    s.failNextRenewal.set(m[1]!, str(form.outcome) === 'fail');
    return s.subscription(m[1]!);
  }
  if (route(/^\/_standin\/subscriptions\/([\w]+)\/cancel$/)) return s.cancelSubscription(m[1]!);
  if (route(/^\/_standin\/invoices\/([\w]+)\/pay$/)) return s.payInvoice(m[1]!);
  return null;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'request-id': `req_${Date.now()}`,
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/**
 * Starts the stand-in on `host:port` (loopback by default; port 0 picks one). It answers the Stripe REST
 * subset with any `sk_…` bearer key, serves the checkout, portal and invoice pages, and POSTs signed
 * events to `webhookUrl`.
 */
export async function startStripeStandin(
  opts: Omit<StandinOptions, 'publicUrl'> & { port?: number; host?: string },
): Promise<RunningStandin> {
  const standin = new StripeStandin({ ...opts });
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
      const form = decodeForm(body);
      if (url.pathname.startsWith('/v1/')) {
        const auth = req.headers.authorization ?? '';
        if (!/^Bearer sk_(test|live)_\S+$/.test(auth))
          throw new StripeApiError(
            401,
            'invalid_request_error',
            'Invalid API Key provided: use a secret key (sk_test_…).',
          );
        const idem = method === 'POST' ? req.headers['idempotency-key'] : undefined;
        const key = typeof idem === 'string' ? `${url.pathname}:${idem}` : null;
        const prior = key ? standin.idempotent.get(key) : undefined;
        if (prior) return send(res, prior.status, prior.body, { 'idempotent-replayed': 'true' });
        const result = api(standin, method, url.pathname, form, url.searchParams);
        if (key) standin.idempotent.set(key, { status: 200, body: result });
        return send(res, 200, result);
      }
      if (method === 'POST' && url.pathname.startsWith('/_standin/')) {
        const result = control(standin, url.pathname, form);
        if (!result)
          throw new StripeApiError(404, 'invalid_request_error', `Unknown control route ${url.pathname}`);
        // A completed checkout page goes on to the session's success_url; a form on a page comes back
        // to the page (`back`); the API answers JSON.
        if (str(form.redirect) === 'success' && result.object === 'checkout.session') {
          res.writeHead(303, {
            location: String(result.success_url).replace('{CHECKOUT_SESSION_ID}', result.id),
          });
          return res.end();
        }
        const back = str(form.back);
        if (back?.startsWith('/')) {
          res.writeHead(303, { location: back });
          return res.end();
        }
        return send(res, 200, result);
      }
      const page = method === 'GET' ? pageFor(standin, url.pathname) : null;
      if (!page) throw new StripeApiError(404, 'invalid_request_error', `Not found: ${url.pathname}`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page);
    } catch (error) {
      const e =
        error instanceof StripeApiError
          ? error
          : new StripeApiError(500, 'api_error', error instanceof Error ? error.message : 'Internal error');
      send(res, e.status, e.toJSON());
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  standin.opts.publicUrl = url;
  return {
    url,
    standin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
