/** Request and response examples for every operation of the REST API (`METHOD path` → example). */
const JOB = {
  id: 'job_4Hq2Zx9Lmn0PqRsTuVwX',
  status: 'queued',
  workflow: 'demo.flow',
  workflow_version: 1,
  priority: 'normal',
  tags: ['nightly'],
  payload: { x: 1 },
  result: null,
  error: null,
  warnings: [],
  estimated_cost_cents: 0.01,
  cost_cents: 0,
  callback_url: null,
  rerun_of: null,
  replay_from_step: null,
  created_at: '2026-11-27T10:00:00.000Z',
  started_at: null,
  finished_at: null,
};
const DONE_JOB = {
  ...JOB,
  status: 'succeeded',
  result: { x: 1 },
  cost_cents: 0.01,
  started_at: '2026-11-27T10:00:00.120Z',
  finished_at: '2026-11-27T10:00:00.180Z',
  steps: [
    {
      id: 'echo',
      type: 'transform',
      status: 'succeeded',
      attempt: 1,
      duration_ms: 4,
      cost_cents: 0.01,
      output: { x: 1 },
      error: null,
      reused_from: null,
    },
  ],
};
const STEPS = [{ id: 'echo', type: 'transform', expression: 'input' }];
const WORKFLOW = {
  id: 'wf_3kT9abcdEFGH1234ijkl',
  slug: 'echo',
  name: 'Echo',
  description: null,
  status: 'published',
  version: 1,
  published_version: 1,
  steps: STEPS,
  created_at: '2026-11-27T09:00:00.000Z',
  updated_at: '2026-11-27T09:00:00.000Z',
};

const OBJECTION = {
  id: 'obj_2Pq9Lm0ZxRsTuVwXabcd',
  purpose: 'profiling',
  source: 'api',
  reason: 'No profiling, please',
  created_at: '2026-11-27T10:00:00.000Z',
  withdrawn_at: null,
};

const SLA_CLAIM = {
  id: 'slc_4Hb8Lm0PqRsTuVwXabcd',
  month: '2026-10',
  status: 'pending',
  availability: 0.95,
  measured_minutes: 44_640,
  credit_percent: 25,
  fee_cents: 2_900,
  credit_cents: 725,
  filed_at: '2026-11-03T09:30:00.000Z',
  decided_at: null,
  decision_reason: null,
};

export const OPERATION_EXAMPLES: Record<string, { request?: unknown; response: unknown }> = {
  'post /jobs': {
    request: { workflow: 'demo.flow', payload: { x: 1 }, priority: 'normal', tags: ['nightly'] },
    response: JOB,
  },
  'get /jobs': { response: { items: [JOB], next_cursor: null } },
  'post /jobs/estimate': {
    request: { workflow: 'demo.flow', payload: { x: 1 } },
    response: {
      workflow: { id: WORKFLOW.id, slug: 'demo.flow', version: 1 },
      estimated_cost_cents: 0.01,
      month: '2026-11',
      budget_cents: 500,
      spent_cents: 120.5,
      reserved_cents: 3.2,
      available_cents: 376.3,
      fits_budget: true,
      jobs_this_month: 42,
      jobs_quota: 1000,
      fits_quota: true,
      fits: true,
      overage: { enabled: false, metered_cents: 0 },
      refusal: null,
    },
  },
  'get /jobs/{id}': {
    response: {
      ...DONE_JOB,
      events: [
        {
          id: 'evt_1',
          type: 'job.queued',
          message: 'Queued demo.flow v1 (estimate 0.01¢)',
          step_id: null,
          created_at: JOB.created_at,
        },
      ],
      reruns: [],
    },
  },
  'post /jobs/{id}/cancel': {
    request: {},
    response: { ...JOB, status: 'cancelled', finished_at: '2026-11-27T10:00:01.000Z' },
  },
  'post /jobs/{id}/rerun': {
    request: {},
    response: { ...JOB, id: 'job_8Kd0Wq1Rty2Uio3Pas4D', rerun_of: JOB.id },
  },
  'post /jobs/{id}/replay': {
    request: { from_step: 'failed', payload: { x: 2 } },
    response: {
      ...JOB,
      id: 'job_2Ab9Cd8Ef7Gh6Ij5Kl4M',
      payload: { x: 2 },
      rerun_of: JOB.id,
      replay_from_step: 1,
    },
  },
  'post /jobs/bulk/cancel': {
    request: { filter: { status: 'queued', workflow: 'demo.flow' } },
    response: {
      matched: 3,
      cancelled: ['job_4Hq2Zx9Lmn0PqRsTuVwX', 'job_8Kd0Wq1Rty2Uio3Pas4D'],
      skipped: ['job_2Ab9Cd8Ef7Gh6Ij5Kl4M'],
      not_found: [],
    },
  },
  'post /jobs/bulk/rerun': {
    request: { ids: ['job_4Hq2Zx9Lmn0PqRsTuVwX', 'job_8Kd0Wq1Rty2Uio3Pas4D'], from: 'failed' },
    response: {
      matched: 2,
      rerun: [{ of: 'job_4Hq2Zx9Lmn0PqRsTuVwX', id: 'job_2Ab9Cd8Ef7Gh6Ij5Kl4M' }],
      skipped: ['job_8Kd0Wq1Rty2Uio3Pas4D'],
      refused: [],
      not_found: [],
    },
  },
  'get /workflows': { response: { items: [WORKFLOW], next_cursor: null } },
  'post /workflows': {
    request: { slug: 'echo', name: 'Echo', steps: STEPS, publish: true },
    response: WORKFLOW,
  },
  'get /workflows/{id}': { response: WORKFLOW },
  'patch /workflows/{id}': {
    request: { steps: [{ id: 'echo', type: 'transform', expression: "{ 'echo': input }" }] },
    response: { ...WORKFLOW, version: 2 },
  },
  'post /workflows/{id}/publish': {
    request: {},
    response: { ...WORKFLOW, version: 2, published_version: 2 },
  },
  'get /usage': {
    response: {
      month: '2026-11',
      budget_cents: 1000,
      spent_cents: 12.5,
      reserved_cents: 0.3,
      jobs: { total: 42, succeeded: 40, failed: 1 },
      per_day: [{ date: '2026-11-27', cost_cents: 12.5, jobs: 42 }],
    },
  },
  'post /intake': {
    request: { workflow: 'demo.flow', payload: { x: 1 }, priority: 'normal' },
    response: { job_id: JOB.id, status: 'queued' },
  },
  'get /status/{job_id}': {
    response: {
      job_id: JOB.id,
      status: 'succeeded',
      created_at: JOB.created_at,
      result: { x: 1 },
      error: null,
    },
  },
  'post /privacy/export': {
    request: {},
    response: { id: 'prq_7Yc2Lm0PqRsTuVwXabcd', due_at: '2026-12-27T10:00:00.000Z' },
  },
  'get /privacy/objections': { response: { data: [OBJECTION] } },
  'post /privacy/objections': {
    request: { purpose: 'profiling', reason: 'No profiling, please' },
    response: OBJECTION,
  },
  'post /privacy/objections/{id}/withdraw': {
    response: { ...OBJECTION, withdrawn_at: '2026-11-28T10:00:00.000Z' },
  },
  'get /sla/claims': { response: { data: [SLA_CLAIM], next_cursor: null } },
  'post /sla/claims': { request: { month: '2026-10' }, response: SLA_CLAIM },
};
