import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request from a chosen loopback source address (127.0.0.x), so a test can act as several
 * clients without sending a packet off this machine. Redirects are not followed.
 */
export function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, localAddress: opts.from },
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
