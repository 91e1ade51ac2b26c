import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NotionFakeRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  notionVersion: string | undefined;
  body: unknown;
}

/**
 * A local stand-in for the Notion API (tests): the three endpoints Levqor uses, in Notion's wire format
 * (`GET /v1/databases/:id`, `GET /v1/data_sources/:id`, `POST /v1/pages`), a bearer token check and
 * Notion's error body. Records every request; `pages` holds the created pages.
 */
export async function startNotionFake(opts: { token: string; databaseId: string; titleProperty?: string }) {
  const requests: NotionFakeRequest[] = [];
  const pages: { id: string; body: Record<string, unknown> }[] = [];
  const dataSourceId = randomUUID();
  const titleProperty = opts.titleProperty ?? 'Report';
  const reply = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer(async (req, res) => {
    const body = await readJson(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({
      method: req.method ?? '',
      path,
      authorization: req.headers.authorization,
      notionVersion: req.headers['notion-version'] as string | undefined,
      body,
    });
    if (req.headers.authorization !== `Bearer ${opts.token}`)
      return reply(res, 401, {
        object: 'error',
        status: 401,
        code: 'unauthorized',
        message: 'API token is invalid.',
      });
    if (req.method === 'GET' && path === `/v1/databases/${opts.databaseId}`)
      return reply(res, 200, {
        object: 'database',
        id: opts.databaseId,
        data_sources: [{ id: dataSourceId, name: 'Reports' }],
      });
    if (req.method === 'GET' && path === `/v1/data_sources/${dataSourceId}`)
      return reply(res, 200, {
        object: 'data_source',
        id: dataSourceId,
        properties: {
          Week: { id: 'wk', name: 'Week', type: 'date' },
          [titleProperty]: { id: 'title', name: titleProperty, type: 'title' },
        },
      });
    if (req.method === 'POST' && path === '/v1/pages') {
      const page = { id: randomUUID(), body: body as Record<string, unknown> };
      pages.push(page);
      return reply(res, 200, { object: 'page', id: page.id, url: `https://www.notion.so/${page.id}` });
    }
    return reply(res, 404, { object: 'error', status: 404, code: 'object_not_found', message: `No ${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    pages,
    titleProperty,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (!chunks.length) return null;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}

/** The text of a PDF, parsed back with pdf.js (pdf-parse): what a reader of the file sees. */
export async function pdfText(
  pdf: Buffer | Uint8Array,
): Promise<{ text: string; pages: number; title?: string }> {
  const { PDFParse } = await import('pdf-parse');
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    return {
      text: text.text,
      pages: text.total,
      title: (info.info as { Title?: string } | undefined)?.Title,
    };
  } finally {
    await parser.destroy();
  }
}
