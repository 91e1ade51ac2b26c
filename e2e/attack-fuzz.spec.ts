import { expect, test } from '@playwright/test';
import { fresh, prng, WEB } from './support/attack';
import { csrfFor, rawRequest, signInRaw } from './support/raw-http';

/**
 * Issue E 5: generated malformed requests to /api/trpc and /api/auth on the running production build,
 * signed in and not: every answer is below 500 and carries no stack trace. Repeat a run with
 * LEVQOR_FUZZ_SEED=<the seed printed on failure>.
 */
const RUNS = 400;
const SEED = Number(process.env.LEVQOR_FUZZ_SEED ?? Date.now() % 1_000_000);

const PROCEDURES = [
  'me.get',
  'workspace.rename',
  'workspace.current',
  'devMailbox.list',
  'devMailbox.get',
  'jobs.list',
  'jobs.submit',
  'workflows.list',
  'apiKeys.create',
  'admin.users.list',
  'nope.nothing',
  '',
  '%00',
  'me.get,me.get',
  '..%2f..',
];
const AUTH_PATHS = [
  'signin/email',
  'signin',
  'callback/email',
  'callback/nope',
  'csrf',
  'session',
  'providers',
  'signout',
  'verify-request',
  'error',
  '_log',
  'SIGNIN/EMAIL',
  'signin/email/extra/segments',
  '',
];
const NASTY = [
  '',
  'null',
  '{',
  '[]',
  '"x"',
  '1e999',
  '{"json":',
  '\u0000',
  '\ud800',
  '%',
  '%%',
  '😀',
  'x'.repeat(3000),
  '{"__proto__":{"x":1}}',
  '{"json":{"name":"x"},"meta":{"values":{"__proto__.x":["Date"]}}}',
  '{"json":null,"meta":{"values":["Date"]}}',
  '{"json":{"a":1},"meta":{"values":{"a":[["custom","x"]]}}}',
  `{"json":${'['.repeat(3000)}${']'.repeat(3000)}}`,
  '{"0":{"json":{"limit":1}},"1":null}',
  'javascript:alert(1)',
  'http://localhost:3000.evil.example/',
  '//evil.example',
  '/\\evil.example',
];

/** Percent-encodes every byte but the unreserved ones (lone surrogates become U+FFFD, never an exception). */
const pct = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');
/** Leaves printable ASCII as it is (raw `%`, quotes, braces): only what HTTP cannot carry is encoded. */
const rawish = (s: string) => s.replace(/[^\x21-\x7e]|#/gu, (c) => pct(c));

test('fuzz: /api/trpc and /api/auth never answer 5xx', async () => {
  const r = prng(SEED);
  const fuzzer = fresh('fuzz');
  const session = await signInRaw(WEB, fuzzer, '127.0.0.53');
  const { token, cookie: csrf } = await csrfFor(WEB, '127.0.0.54');
  const failures: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const from = `127.0.0.${100 + r.int(100)}`;
    const headers: Record<string, string> = {};
    const cookies = [
      r.chance(0.5) ? session : '',
      r.chance(0.5) ? csrf : '',
      r.chance(0.1) ? `levqor-web.callback-url=${pct(r.pick(NASTY))}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    if (cookies) headers.cookie = cookies;
    if (r.chance(0.6))
      headers.origin = r.pick([
        WEB,
        'null',
        'https://evil.example',
        'not a url',
        'http://127.0.0.1:3000.evil',
      ]);
    if (r.chance(0.7))
      headers['content-type'] = r.pick([
        'application/json',
        'application/x-www-form-urlencoded',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
      ]);
    let url: string;
    let method = r.pick(['GET', 'POST', 'POST', 'PUT', 'DELETE']);
    let body: string | undefined;
    if (r.chance(0.5)) {
      const batch = r.chance(0.3);
      const procs = batch
        ? Array.from({ length: 1 + r.int(12) }, () => r.pick(PROCEDURES))
        : [r.pick(PROCEDURES)];
      const input = r.chance(0.5) ? pct(r.pick(NASTY)) : rawish(r.pick(NASTY).slice(0, 200));
      url = `${WEB}/api/trpc/${procs.join(',')}?${batch ? 'batch=1&' : ''}input=${input}`;
      if (method !== 'GET') body = r.pick(NASTY);
    } else {
      const query = r.pick([
        '',
        `?callbackUrl=${pct(r.pick(NASTY))}`,
        `?token=${pct(r.pick(NASTY))}&email=${rawish(r.pick(NASTY))}`,
        `?error=${pct(r.pick(NASTY))}`,
      ]);
      url = `${WEB}/api/auth/${r.pick(AUTH_PATHS)}${query}`;
      if (method === 'GET' && r.chance(0.2)) method = 'POST';
      if (method !== 'GET')
        body = r.chance(0.5)
          ? new URLSearchParams({
              email: r.pick([fuzzer, fuzzer, fresh('f'), r.pick(NASTY)]),
              csrfToken: r.chance(0.5) ? token : r.pick(NASTY),
              callbackUrl: r.pick(['/dashboard', ...NASTY]),
              json: 'true',
            }).toString()
          : r.pick(NASTY);
    }
    const res = await rawRequest(url, { method, headers, body, from }).catch(
      (err: NodeJS.ErrnoException) => ({
        status: 0,
        headers: {},
        body: `${err.code}: ${err.message}`,
      }),
    );
    // The server must answer (a reset or a hang-up is a failure too), below 500, without internals.
    if (res.status === 0 || res.status >= 500 || /\bat .+\.(js|ts):\d+|TypeError|RangeError/.test(res.body))
      failures.push(`#${i} ${method} ${url.slice(0, 160)} → ${res.status} ${res.body.slice(0, 200)}`);
  }
  expect(failures, `seed ${SEED}: reproduce with LEVQOR_FUZZ_SEED=${SEED}`).toEqual([]);
  expect((await rawRequest(`${WEB}/api/health`)).status).toBe(200);
});
