/**
 * The third parties a workflow talks to, for the e2e run: a plain web page for `http` steps and an
 * OpenAI-compatible chat completions endpoint for `ai` steps (the real wire format). Started by
 * Playwright as a web server of its own (playwright.config.ts) on 127.0.0.1:E2E_FAKES_PORT; the
 * launcher's worker reaches it through LEVQOR_AI_BASE_URL and LEVQOR_SSRF_ALLOW.
 *
 * GET /health                 200 "ok"
 * GET /page                   a short text/plain page
 * POST /v1/chat/completions   a chat completion whose text quotes the prompt's length and first words
 */
import { createServer } from 'node:http';
import { E2E_FAKES_PORT } from '../urls';

const PAGE_TEXT = 'Levqor runs jobs durably, one recorded step at a time.';

const MAX_BODY = 1024 * 1024;

const server = createServer((req, res) => {
  let body = '';
  let tooLarge = false;
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    body += chunk;
    if (body.length > MAX_BODY) tooLarge = true;
  });
  req.on('end', () => {
    if (tooLarge) {
      res.writeHead(413).end();
      return;
    }
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    // A webhook receiver (developers-webhooks.spec.ts): answers with what it was sent.
    if (req.method === 'POST' && req.url === '/hook') {
      const signed = typeof req.headers['levqor-signature'] === 'string';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ received: true, signed, bytes: Buffer.byteLength(body) }));
      return;
    }
    if (req.method === 'GET' && req.url?.startsWith('/page')) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(PAGE_TEXT);
      return;
    }
    if (req.method === 'POST' && req.url === '/v1/chat/completions') {
      let parsed: { model?: unknown; messages?: { role?: unknown; content?: unknown }[] };
      try {
        parsed = JSON.parse(body);
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'body is not JSON', type: 'invalid_request_error' } }));
        return;
      }
      const prompt = parsed.messages?.at(-1)?.content;
      if (typeof parsed.model !== 'string' || typeof prompt !== 'string') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { message: 'model and messages are required', type: 'invalid_request_error' },
          }),
        );
        return;
      }
      const words = prompt.split(/\s+/).slice(0, 4).join(' ');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `chatcmpl-e2e-${Date.now()}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: parsed.model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: `Summary of ${prompt.length} chars: ${words}` },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 },
        }),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
});

server.listen(E2E_FAKES_PORT, '127.0.0.1', () => {
  console.log(`fake upstreams listening on http://127.0.0.1:${E2E_FAKES_PORT}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
