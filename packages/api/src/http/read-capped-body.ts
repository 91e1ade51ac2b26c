import type { IncomingMessage } from 'node:http';

/**
 * After refusing a body as too large, what is still read (and thrown away) so the client receives the
 * 413 rather than a reset connection; beyond either bound the connection is closed.
 */
export const DISCARD_AFTER_REFUSAL = { bytes: 64 * 1024 * 1024, ms: 10_000 } as const;

export type CappedBody = { ok: true; body: Buffer } | { ok: false; reason: 'too_large' | 'aborted' };

/**
 * Reads a request body, counting bytes as they arrive — a declared Content-Length is not trusted and a
 * chunked body is counted the same way — and stops keeping them past `maxBytes`: it then resolves at
 * once with `too_large` and goes on discarding what the client still sends (up to
 * DISCARD_AFTER_REFUSAL), so the caller's 413 reaches the client instead of a reset. The one reader of
 * the REST API (`/api/v1`) and of the app server (tRPC and auth bodies).
 */
export function readCappedBody(req: IncomingMessage, maxBytes: number): Promise<CappedBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    let discarded = 0;
    const refuse = () => {
      over = true;
      chunks.length = 0;
      resolve({ ok: false, reason: 'too_large' });
      const timer = setTimeout(() => req.destroy(), DISCARD_AFTER_REFUSAL.ms);
      timer.unref();
      req.once('end', () => clearTimeout(timer));
      req.once('close', () => clearTimeout(timer));
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) refuse();
    req.on('data', (chunk: Buffer) => {
      if (over) {
        discarded += chunk.length;
        if (discarded > DISCARD_AFTER_REFUSAL.bytes) req.destroy();
        return;
      }
      size += chunk.length;
      if (size > maxBytes) {
        discarded = size;
        refuse();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve({ ok: true, body: Buffer.concat(chunks, size) });
    });
    req.on('error', () => resolve({ ok: false, reason: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) resolve({ ok: false, reason: 'aborted' });
    });
  });
}
