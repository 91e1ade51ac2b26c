import { CodeBlock } from '@levqor/ui';

const NODE_SNIPPET = `import { createHmac, timingSafeEqual } from 'node:crypto';

/** true when \`header\` (Levqor-Signature) signs \`rawBody\` with \`secret\` and is under 5 minutes old. */
export function verifyLevqorSignature(secret, rawBody, header, toleranceSec = 300) {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSec || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(\`\${t}.\${rawBody}\`).digest('hex');
  return expected.length === parts.v1.length && timingSafeEqual(Buffer.from(expected), Buffer.from(parts.v1));
}

// Express: keep the raw body, verify before parsing it.
app.post('/levqor', express.raw({ type: 'application/json' }), (req, res) => {
  const ok = verifyLevqorSignature(process.env.LEVQOR_WEBHOOK_SECRET, req.body.toString('utf8'),
    req.get('Levqor-Signature') ?? '');
  if (!ok) return res.status(400).send('bad signature');
  const event = JSON.parse(req.body); // { type: 'job.succeeded', data: { job } }
  res.sendStatus(204);
});`;

/** How a receiver checks `Levqor-Signature`. */
export function VerifySignature() {
  return (
    <div className="stack">
      <p style={{ margin: 0 }}>
        Every delivery is a <code>POST</code> of JSON with the header{' '}
        <code>Levqor-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>, where <code>v1</code> is the
        HMAC-SHA256 of <code>&quot;&lt;t&gt;.&lt;raw body&gt;&quot;</code> keyed with the signing secret.
        Recompute it over the raw bytes (before any JSON parsing), compare in constant time, and refuse
        timestamps older than a few minutes to stop replays. <code>Levqor-Delivery</code> carries the delivery
        id; answer 2xx within 10 s or the delivery is retried with back-off for about a day.
      </p>
      <CodeBlock title="Node.js (node:crypto, no dependencies)" code={NODE_SNIPPET} />
    </div>
  );
}
