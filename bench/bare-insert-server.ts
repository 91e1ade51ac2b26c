/**
 * The baseline of `pnpm bench:api`: plain node:http + postgres.js, one INSERT per `POST /insert` into the
 * scratch table `bench_api_inserts` (created by the benchmark). `GET /health` answers when listening.
 * Env: DATABASE_URL, PORT.
 */
import { createServer } from 'node:http';
import postgres from 'postgres';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set');
// Same pool size as the app's database client (packages/db createDb: max 10).
const sql = postgres(url, { max: 10, onnotice: () => {}, connection: { application_name: 'bench-bare' } });

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    return;
  }
  if (req.method !== 'POST' || req.url !== '/insert') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    sql<
      { id: string }[]
    >`insert into bench_api_inserts (payload) values (${sql.json(body as postgres.JSONValue)}) returning id`.then(
      ([row]) => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: row!.id }));
      },
      (err: unknown) => {
        console.error(String(err));
        res.writeHead(500).end();
      },
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 3453), '127.0.0.1', () =>
  console.log(`bare node:http + postgres.js listening on ${process.env.PORT}`),
);
const stop = () => server.close(() => void sql.end({ timeout: 2 }).finally(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
