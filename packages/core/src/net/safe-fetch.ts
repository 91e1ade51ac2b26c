import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { type CheckedTarget, checkTarget, type GuardOptions, SsrfBlockedError } from './ssrf-guard';

export interface SafeFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | null;
  timeoutMs: number;
  signal?: AbortSignal;
  maxBytes: number;
  maxRedirects?: number;
}

export interface SafeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
  url: string;
}

function pinnedLookup(target: CheckedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    } else {
      callback(null, target.address, target.family);
    }
  };
}

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function once(
  target: CheckedTarget,
  init: SafeFetchInit,
  signal: AbortSignal,
): Promise<SafeResponse & { location?: string }> {
  return new Promise((resolve, reject) => {
    const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(
      target.url,
      {
        method: init.method ?? 'GET',
        headers: init.headers,
        lookup: pinnedLookup(target),
        signal,
        timeout: init.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        res.on('data', (chunk: Buffer) => {
          if (truncated) return;
          if (size + chunk.length > init.maxBytes) {
            chunks.push(chunk.subarray(0, init.maxBytes - size));
            size = init.maxBytes;
            truncated = true;
            res.destroy();
            finish();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          resolve({
            status: res.statusCode ?? 0,
            headers: flatHeaders(res.headers),
            body: Buffer.concat(chunks).toString('utf8'),
            truncated,
            url: target.url.toString(),
            location: res.headers.location,
          });
        };
        res.on('end', finish);
        res.on('error', (err) => (done ? undefined : reject(err)));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${init.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(init.body ?? undefined);
  });
}

/**
 * An outbound HTTP request that cannot reach internal addresses: every hop (redirects included) is
 * checked, and the socket connects to the checked address. Body capped at `maxBytes`.
 */
export async function safeFetch(
  rawUrl: string,
  init: SafeFetchInit,
  guard: GuardOptions = {},
): Promise<SafeResponse> {
  const signal = init.signal
    ? AbortSignal.any([init.signal, AbortSignal.timeout(init.timeoutMs)])
    : AbortSignal.timeout(init.timeoutMs);
  let url = rawUrl;
  let method = init.method ?? 'GET';
  let body = init.body ?? null;
  for (let hop = 0; hop <= (init.maxRedirects ?? 5); hop++) {
    let target: CheckedTarget;
    try {
      target = await checkTarget(url, guard);
    } catch (err) {
      if (hop > 0 && err instanceof SsrfBlockedError)
        throw new SsrfBlockedError(`Redirect ${hop} refused: ${err.message}`, err.url, {
          reason: err.reason,
          host: err.host,
          hop,
        });
      throw err;
    }
    const res = await once(target, { ...init, method, body }, signal);
    if (res.status >= 300 && res.status < 400 && res.location) {
      try {
        url = new URL(res.location, target.url).toString();
      } catch {
        throw new SsrfBlockedError(`Redirect to an invalid URL "${res.location.slice(0, 200)}"`, rawUrl, {
          reason: 'invalid_url',
          host: target.url.host,
        });
      }
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = null;
      }
      continue;
    }
    const { location: _ignored, ...rest } = res;
    return rest;
  }
  throw new SsrfBlockedError(`Too many redirects (more than ${init.maxRedirects ?? 5})`, rawUrl, {
    reason: 'too_many_redirects',
    host: new URL(url).host,
  });
}
