import type { StripeObject, StripeStandin } from './standin';

const esc = (v: unknown) =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
const dollars = (cents: unknown) => `$${(Number(cents) / 100).toFixed(2)}`;
const date = (t: unknown) => new Date(Number(t) * 1000).toISOString().slice(0, 10);

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Stripe stand-in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a2e}
h1{font-size:1.4rem}.note{background:#fff8e1;border:1px solid #f0c36d;padding:.5rem .75rem;border-radius:6px;font-size:.9rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem;border-bottom:1px solid #ddd}
button{font:inherit;padding:.45rem .9rem;border-radius:6px;border:1px solid #635bff;background:#635bff;color:#fff;cursor:pointer;margin:.2rem 0}
button.secondary{background:#fff;color:#635bff}form{display:inline}</style></head>
<body><p class="note">Local Stripe stand-in (no real payment). Levqor uses real Stripe when STRIPE_SECRET_KEY is set.</p>
<h1>${esc(title)}</h1>${body}</body></html>`;
}

const post = (action: string, label: string, fields: Record<string, string>, secondary = false) =>
  `<form method="post" action="${esc(action)}">${Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('')}<button type="submit"${secondary ? ' class="secondary"' : ''}>${esc(label)}</button></form>`;

function checkoutPage(s: StripeStandin, session: StripeObject): string {
  const price = s.price(session._price as string);
  if (session.status !== 'open')
    return layout('Checkout', `<p>This checkout session is ${esc(session.status)}.</p>`);
  return layout(
    `Subscribe to ${price.nickname}`,
    `<p><strong>${esc(price.nickname)}</strong>: ${dollars(price.unitAmount)} per month.</p>
<p>Card: 4242 4242 4242 4242 (stand-in)</p>
${post(`/_standin/checkout/${session.id}/complete`, `Pay ${dollars(price.unitAmount)} and subscribe`, { redirect: 'success' })}
${session.cancel_url ? `<p><a href="${esc(session.cancel_url)}">Cancel and go back</a></p>` : ''}`,
  );
}

function portalPage(s: StripeStandin, portal: StripeObject): string {
  const back = `/portal/${portal.id}`;
  const subs = [...s.subscriptions.values()].filter((x) => x.customer === portal.customer);
  const invoices = [...s.invoices.values()].filter((x) => x.customer === portal.customer);
  const subRows = subs
    .map((sub) => {
      const item = (sub.items as { data: { price: { nickname: string }; current_period_end: number }[] })
        .data[0]!;
      const failing = s.failNextRenewal.get(sub.id) ?? false;
      const actions =
        sub.status === 'canceled'
          ? ''
          : `${post(`/_standin/subscriptions/${sub.id}/next-renewal`, failing ? 'Make the next renewal succeed' : 'Make the next renewal fail', { outcome: failing ? 'succeed' : 'fail', back }, true)}
${post(`/_standin/subscriptions/${sub.id}/renew`, 'Renew now', { back })}
${post(`/_standin/subscriptions/${sub.id}/cancel`, 'Cancel subscription', { back }, true)}`;
      return `<tr data-subscription="${esc(sub.id)}"><td>${esc(item.price.nickname)}</td><td data-testid="sub-status">${esc(sub.status)}</td>
<td>renews ${date(item.current_period_end)}${failing ? ' (next renewal will fail)' : ''}</td><td>${actions}</td></tr>`;
    })
    .join('');
  const invoiceRows = invoices
    .map(
      (
        inv,
      ) => `<tr><td>${esc(inv.number)}</td><td>${date(inv.created)}</td><td>${dollars(inv.amount_due)}</td><td>${esc(inv.status)}</td>
<td>${inv.status === 'open' ? post(`/_standin/invoices/${inv.id}/pay`, 'Update card and pay', { back }) : ''}</td></tr>`,
    )
    .join('');
  return layout(
    'Manage billing',
    `<h2>Subscriptions</h2><table>${subRows || '<tr><td>No subscriptions.</td></tr>'}</table>
<h2>Invoices</h2><table>${invoiceRows || '<tr><td>No invoices.</td></tr>'}</table>
${portal.return_url ? `<p><a href="${esc(portal.return_url)}">Return to Levqor</a></p>` : ''}`,
  );
}

function invoicePage(inv: StripeObject): string {
  return layout(
    `Invoice ${String(inv.number)}`,
    `<p>${dollars(inv.amount_due)} · ${esc(inv.status)} · ${date(inv.created)}</p>
${inv.status === 'open' ? post(`/_standin/invoices/${inv.id}/pay`, 'Pay this invoice', { back: `/invoices/${inv.id}` }) : ''}`,
  );
}

/** The HTML page at `path` (checkout, portal, hosted invoice), or null. */
export function pageFor(s: StripeStandin, path: string): string | null {
  let m = [] as unknown as RegExpMatchArray;
  /** Whether `path` matches `re`; its captures are then in `m`. */
  const route = (re: RegExp) => {
    const found = path.match(re);
    if (found) m = found;
    return found !== null;
  };
  if (path === '/' || path === '')
    return layout(
      'Stripe stand-in',
      `<p>${s.subscriptions.size} subscriptions, ${s.events.length} events sent.</p>`,
    );
  if (route(/^\/checkout\/([\w]+)$/)) {
    const session = s.checkoutSessions.get(m[1]!);
    return session ? checkoutPage(s, session) : null;
  }
  if (route(/^\/portal\/([\w]+)$/)) {
    const portal = s.portalSessions.get(m[1]!);
    return portal ? portalPage(s, portal) : null;
  }
  if (route(/^\/invoices\/([\w]+)$/)) {
    const inv = s.invoices.get(m[1]!);
    return inv ? invoicePage(inv) : null;
  }
  return null;
}
