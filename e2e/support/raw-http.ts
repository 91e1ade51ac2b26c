import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request from a chosen loopback source address (127.0.0.x), so a test can act as several
 * clients without sending a packet off this machine. The path goes out exactly as written; redirects
 * are not followed.
 */
export function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<RawResponse> {
  // The path is sent exactly as written (a WHATWG URL would resolve `..` and `%2e%2e` before sending).
  const [, origin, path] = /^(https?:\/\/[^/]+)(.*)$/.exec(url) ?? [url, url, '/'];
  const target = new URL(origin!);
  // Node's client sends a DELETE's (or OPTIONS') body with neither Content-Length nor chunked framing, so
  // the server reads the bytes as the next request, answers it 400 and closes the connection — which a
  // later request reusing that keep-alive socket saw as a reset. Frame every body explicitly.
  const headers = { ...opts.headers };
  const framed = Object.keys(headers).some((h) => /^(content-length|transfer-encoding)$/i.test(h));
  if (opts.body !== undefined && !framed) headers['content-length'] = String(Buffer.byteLength(opts.body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port,
        path: path || '/',
        method: opts.method ?? 'GET',
        headers,
        localAddress: opts.from,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A next-auth CSRF token and its cookie, fetched as the client at `from`. */
export async function csrfFor(appUrl: string, from: string): Promise<{ token: string; cookie: string }> {
  const res = await rawRequest(`${appUrl}/api/auth/csrf`, { from });
  const cookies = [res.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]);
  return { token: (JSON.parse(res.body) as { csrfToken: string }).csrfToken, cookie: cookies.join('; ') };
}

/** Requests a sign-in link for `email` as the client at `from`; returns the redirect target. */
export async function requestLinkAs(appUrl: string, email: string, from: string): Promise<RawResponse> {
  const { token, cookie } = await csrfFor(appUrl, from);
  const body = new URLSearchParams({
    email,
    csrfToken: token,
    callbackUrl: `${appUrl}/dashboard`,
    json: 'true',
  }).toString();
  return rawRequest(`${appUrl}/api/auth/signin/email`, {
    method: 'POST',
    from,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body,
  });
}

/**
 * A POST of `total` bytes sent with Transfer-Encoding: chunked (no Content-Length) in 64 KB chunks, or
 * with a Content-Length that understates the body when `lyingLength` is given. Resolves with the
 * answer, or with `error` when the connection was reset instead.
 */
export function rawUpload(
  url: string,
  opts: { total: number; headers?: Record<string, string>; lyingLength?: number },
): Promise<RawResponse & { error?: string }> {
  return new Promise((resolve) => {
    const headers = { ...opts.headers };
    if (opts.lyingLength !== undefined) headers['content-length'] = String(opts.lyingLength);
    const req = request(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', (err) => resolve({ status: 0, headers: {}, body: '', error: String(err) }));
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < opts.total) {
        const piece = chunk.subarray(0, Math.min(chunk.length, opts.total - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** `GET /api/trpc/<procedure>?input=…` (superjson-wrapped input) as the client at `from`. */
export function trpcQuery(
  appUrl: string,
  procedure: string,
  input: unknown,
  opts: { from?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const q = encodeURIComponent(JSON.stringify({ json: input }));
  return rawRequest(`${appUrl}/api/trpc/${procedure}?input=${q}`, opts);
}

/**
 * The newest sign-in link mailed to `email` for `appUrl`, read from the dev mailbox's tRPC procedures
 * over loopback (the only callers the mailbox answers). Waits up to 15 s for it.
 */
export async function newestSignInLink(email: string, appUrl: string, mailboxUrl = 'http://127.0.0.1:3000') {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const list = JSON.parse((await trpcQuery(mailboxUrl, 'devMailbox.list', { limit: 100 })).body) as {
      result: { data: { json: { items: { id: string; to: string }[] } } };
    };
    for (const item of list.result.data.json.items.filter((m) => m.to === email)) {
      const mail = JSON.parse((await trpcQuery(mailboxUrl, 'devMailbox.get', { id: item.id })).body) as {
        result: { data: { json: { text: string } } };
      };
      const link = /https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/.exec(mail.result.data.json.text)?.[0];
      if (link?.startsWith(`${appUrl}/`)) return link;
    }
    if (Date.now() > deadline) throw new Error(`no sign-in link for ${appUrl} mailed to ${email}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Cookies a response sets, as a `Cookie` header value (name=value; …). */
export function cookiesOf(res: RawResponse): string {
  return [res.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/**
 * Signs `email` in on `appUrl` over raw HTTP as the client at `from` (request a link, read it from the
 * mailbox, open it) and returns the session cookie header.
 */
export async function signInRaw(appUrl: string, email: string, from = '127.0.0.1'): Promise<string> {
  const asked = await requestLinkAs(appUrl, email, from);
  if (asked.status !== 200)
    throw new Error(`link request for ${email} answered ${asked.status}: ${asked.body}`);
  const opened = await rawRequest(await newestSignInLink(email, appUrl), { from });
  const cookie = cookiesOf(opened);
  if (!/session-token=/.test(cookie)) throw new Error(`no session cookie after the link: ${opened.status}`);
  return cookie
    .split('; ')
    .filter((c) => c.includes('session-token='))
    .join('; ');
}
