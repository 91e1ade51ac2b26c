/**
 * The quickstart's commands and what they really returned against a local instance (`pnpm start`,
 * a key from `pnpm levqor api-key create`; ids, keys and times differ on every run). `{{BASE}}` is
 * this app's /api/v1 URL.
 */
export interface QuickstartStep {
  title: string;
  text: string;
  command: string;
  output: string;
}

export const CLI_CREATE_KEY =
  'pnpm levqor api-key create --email demo@levqor.local --scopes jobs:read,jobs:write,usage:read --name quickstart';

/** The CLI's answer with the key redacted: a sample must never show a whole key, even a dead one. */
export const CLI_OUTPUT = `Created API key key_hjlCUAuGVKm4BEAIBqLp (lvq_live_FQuUZ…) for demo@levqor.local in workspace ws_hiHD22ZVOwUrzdhRVOFQ, scopes jobs:read,jobs:write,usage:read. It is shown once:
lvq_live_FQuUZ•••••••••••••••••••••••••••_••••••   (redacted here; yours is printed in full, once)`;

const AUTH = '-H "Authorization: Bearer $LEVQOR_API_KEY"';

export const STEPS: QuickstartStep[] = [
  {
    title: 'Submit a job',
    text: 'demo.flow is a starter workflow of every workspace: it echoes its payload. The answer is 202 Accepted with the queued job and a Location header; the rate-limit headers count down your per-key budget.',
    command: `curl -i {{BASE}}/jobs \\
  ${AUTH} \\
  -H "Content-Type: application/json" \\
  -d '{"workflow":"demo.flow","payload":{"x":1},"priority":"normal"}'`,
    output: `HTTP/1.1 202 Accepted
x-request-id: edce59db-19e9-4bfd-bde6-8f21980d8545
strict-transport-security: max-age=63072000; includeSubDomains; preload
x-frame-options: DENY
x-content-type-options: nosniff
referrer-policy: strict-origin-when-cross-origin
permissions-policy: camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()
cross-origin-opener-policy: same-origin
cross-origin-resource-policy: cross-origin
x-ratelimit-limit: 600
x-ratelimit-remaining: 599
x-ratelimit-reset: 1795815797
Content-Type: application/json
location: /api/v1/jobs/job_mrMCny0HGMttu2nvV0cK
Date: Fri, 27 Nov 2026 21:42:16 GMT
Connection: keep-alive
Keep-Alive: timeout=65
Content-Length: 340

{"id":"job_mrMCny0HGMttu2nvV0cK","status":"queued","workflow":"demo.flow","workflow_version":1,"priority":"normal","tags":[],"payload":{"x":1},"result":null,"error":null,"warnings":[],"estimated_cost_cents":0.01,"cost_cents":0,"callback_url":null,"rerun_of":null,"created_at":"2026-11-27T21:42:16.418Z","started_at":null,"finished_at":null}`,
  },
  {
    title: 'Follow the job',
    text: 'Submit another one and keep its id in a shell variable (node reads it from the JSON), then read the job back with its steps, cost and timeline. demo.flow finishes within a second.',
    command: `JOB_ID=$(curl -s {{BASE}}/jobs \\
  ${AUTH} -H "Content-Type: application/json" \\
  -d '{"workflow":"demo.flow","payload":{"x":2}}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
curl -s {{BASE}}/jobs/$JOB_ID ${AUTH}`,
    output: `{"id":"job_D1izdCkwCopDDOMGj3N1","status":"succeeded","workflow":"demo.flow","workflow_version":1,"priority":"normal","tags":[],"payload":{"x":2},"result":{"x":2},"error":null,"warnings":[],"estimated_cost_cents":0.01,"cost_cents":0.01,"callback_url":null,"rerun_of":null,"created_at":"2026-11-27T21:42:16.490Z","started_at":"2026-11-27T21:42:16.615Z","finished_at":"2026-11-27T21:42:16.657Z","steps":[{"id":"echo","type":"transform","status":"succeeded","attempt":1,"duration_ms":0,"cost_cents":0.01,"output":{"x":2},"error":null}],"events":[{"id":"evt_ouI48zXxk44Gijv4Hsvi","type":"job.queued","message":"Queued demo.flow v1 (estimate 0.01¢)","step_id":null,"created_at":"2026-11-27T21:42:16.490Z"},{"id":"evt_RJU3Dpm91PY3iRkbOaI8","type":"job.started","message":"Job started","step_id":null,"created_at":"2026-11-27T21:42:16.612Z"},{"id":"evt_J2V1CNNdaD6jNimKaxYF","type":"step.started","message":"Step echo started","step_id":"echo","created_at":"2026-11-27T21:42:16.640Z"},{"id":"evt_49BLhqxi7xWJaJ4as0Xp","type":"step.succeeded","message":"Step echo succeeded in 0 ms (0.01¢)","step_id":"echo","created_at":"2026-11-27T21:42:16.644Z"},{"id":"evt_n2c85TPzFG5n0bqNWNNs","type":"job.succeeded","message":"Job succeeded (cost 0.01¢)","step_id":null,"created_at":"2026-11-27T21:42:16.650Z"}]}`,
  },
  {
    title: 'List jobs',
    text: 'Newest first, with filters (status, workflow, tag) and cursor pagination: pass next_cursor back as cursor for the next page. X-Api-Key works as well as the Authorization header.',
    command: `curl -s "{{BASE}}/jobs?limit=2" -H "X-Api-Key: $LEVQOR_API_KEY"`,
    output: `{"items":[{"id":"job_D1izdCkwCopDDOMGj3N1","status":"succeeded","workflow":"demo.flow","workflow_version":1,"priority":"normal","tags":[],"payload":{"x":2},"result":{"x":2},"error":null,"warnings":[],"estimated_cost_cents":0.01,"cost_cents":0.01,"callback_url":null,"rerun_of":null,"created_at":"2026-11-27T21:42:16.490Z","started_at":"2026-11-27T21:42:16.615Z","finished_at":"2026-11-27T21:42:16.657Z"},{"id":"job_mrMCny0HGMttu2nvV0cK","status":"succeeded","workflow":"demo.flow","workflow_version":1,"priority":"normal","tags":[],"payload":{"x":1},"result":{"x":1},"error":null,"warnings":[],"estimated_cost_cents":0.01,"cost_cents":0.01,"callback_url":null,"rerun_of":null,"created_at":"2026-11-27T21:42:16.418Z","started_at":"2026-11-27T21:42:16.506Z","finished_at":"2026-11-27T21:42:16.628Z"}],"next_cursor":null}`,
  },
  {
    title: 'Check usage',
    text: 'Month-to-date spend against the monthly budget, in USD cents, and the job counts (needs the usage:read scope). per_day has one entry per day of the month, shortened here.',
    command: `curl -s {{BASE}}/usage ${AUTH}`,
    output: `{"month":"2026-11","budget_cents":1000,"spent_cents":0.02,"reserved_cents":0,"jobs":{"total":2,"succeeded":2,"failed":0},"per_day":[{"date":"2026-11-01","cost_cents":0,"jobs":0},{"date":"2026-11-02","cost_cents":0,"jobs":0},…,{"date":"2026-11-26","cost_cents":0,"jobs":0},{"date":"2026-11-27","cost_cents":0.02,"jobs":2}]}`,
  },
  {
    title: 'When something is wrong',
    text: 'Errors are application/problem+json with a request_id to quote to support. A missing, mistyped, expired or revoked key is always the same 401; a job of another workspace is a 404.',
    command: `curl -s {{BASE}}/jobs/job_doesnotexist ${AUTH}`,
    output: `{"type":"https://levqor.dev/problems/job-not-found","title":"Job not found","status":404,"detail":"Job not found","request_id":"9ff7f72d-f67b-4eaa-82ac-ada9e2573969"}`,
  },
];
