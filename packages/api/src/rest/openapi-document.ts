import type { AnyTRPCRouter } from '@trpc/server';
import { generateOpenApiDocument } from 'trpc-to-openapi';
import { PROBLEM_TYPES, type ProblemReason, problemType } from '../problem-types';
import { appRouter } from '../root';
import { assertRestScopes } from './assert-rest-scopes';
import { API_PREFIX } from './gateway';
import { OPERATION_EXAMPLES } from './openapi-examples';

const cached = new WeakMap<
  AnyTRPCRouter,
  { baseUrl: string; doc: ReturnType<typeof generateOpenApiDocument> }
>();

/** Every problem type of the API (`x-problem-types` in the document), by status. */
export const PROBLEM_TYPE_LIST = (
  Object.entries(PROBLEM_TYPES) as [ProblemReason, { status: number; title: string }][]
)
  .map(([reason, p]) => ({ type: problemType(reason), reason, title: p.title, status: p.status }))
  .sort((a, b) => a.status - b.status || a.reason.localeCompare(b.reason));

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'request_id'],
  properties: {
    type: {
      type: 'string',
      format: 'uri',
      description:
        'Why the request was refused, for programs to branch on: one URI per reason (see x-problem-types), e.g. …/budget-exceeded, …/workflow-not-published, …/high-risk-data, …/rate-limited, …/validation, …/not-found.',
      enum: PROBLEM_TYPE_LIST.map((p) => p.type),
    },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
    request_id: { type: 'string' },
  },
  example: {
    type: problemType('job-not-found'),
    title: PROBLEM_TYPES['job-not-found'].title,
    status: 404,
    detail: 'Job not found',
    request_id: '8d6f0c9e-…',
  },
};

type Media = { schema?: unknown; example?: unknown };
type Operation = {
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, Media>; headers?: Record<string, unknown> }
  >;
};

const TAGS = [
  { name: 'Jobs', description: 'Submit jobs, follow their steps and cost, cancel and re-run them.' },
  {
    name: 'Workflows',
    description: 'Versioned step lists (http, ai, transform, delay, email) that jobs run.',
  },
  { name: 'Usage', description: 'Month-to-date spend against the monthly budget.' },
  {
    name: 'SLA',
    description:
      'Service credit claims under the SLA (99.5% monthly availability): file one for an eligible month, follow its decision.',
  },
  {
    name: 'Original contract',
    description: 'The first Levqor API (intake and status), kept for existing clients.',
  },
];

/** 202 for job creation, 201 for workflow creation (trpc-to-openapi documents every success as 200). */
const SUCCESS_STATUS: Record<string, string> = {
  'post /jobs': '202',
  'post /jobs/{id}/rerun': '202',
  'post /jobs/{id}/replay': '202',
  'post /intake': '202',
  'post /workflows': '201',
};

/** zod's `unknown().nullable()` renders as `anyOf: [{}, {type: null}]`; that is just "any JSON value". */
function simplifyAny(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) simplifyAny(item);
    return;
  }
  const obj = node as Record<string, unknown>;
  if (
    Array.isArray(obj.anyOf) &&
    obj.anyOf.some((s) => s && typeof s === 'object' && Object.keys(s).length === 0)
  )
    delete obj.anyOf;
  for (const value of Object.values(obj)) simplifyAny(value);
}

/** The OpenAPI 3.1 document of /api/v1, generated from the tRPC routers, with problem+json errors. */
export function openApiDocument(origin: string, router: AnyTRPCRouter = appRouter) {
  const baseUrl = `${origin.replace(/\/$/, '')}${API_PREFIX}`;
  const hit = cached.get(router);
  if (hit?.baseUrl === baseUrl) return hit.doc;
  assertRestScopes(router);
  const doc = generateOpenApiDocument(router, {
    title: 'Levqor API',
    version: '1.0.0',
    description:
      'Submit and follow jobs, manage workflows and read usage. Authenticate with an API key: `Authorization: Bearer <key>` or `X-Api-Key: <key>`.',
    baseUrl,
    tags: ['Jobs', 'Workflows', 'Usage', 'SLA', 'Original contract'],
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'An API key, e.g. lvq_live_…' },
      apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    },
  });
  doc.info.license = { name: 'Proprietary', url: 'https://levqor.dev/terms' };
  doc.tags = TAGS;
  (doc as { 'x-problem-types'?: unknown })['x-problem-types'] = PROBLEM_TYPE_LIST;
  doc.components ??= {};
  const schemas = Object.fromEntries(
    Object.entries(doc.components.schemas ?? {}).filter(([name]) => !name.startsWith('error.')),
  );
  doc.components.schemas = { ...schemas, Problem: PROBLEM_SCHEMA as never };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      const key = `${method} ${path}`;
      const example = OPERATION_EXAMPLES[key];
      const json = op.requestBody?.content?.['application/json'];
      if (json && example?.request !== undefined) json.example = example.request;
      const responses = op.responses ?? {};
      const success = SUCCESS_STATUS[key];
      if (success && responses['200']) {
        responses[success] = responses['200'];
        delete responses['200'];
        responses[success].headers = {
          Location: { description: 'URL of the created resource', schema: { type: 'string' } },
        };
      }
      for (const [code, response] of Object.entries(responses)) {
        if (Number(code) >= 400) {
          response.content = {
            'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
          };
        } else if (example && response.content?.['application/json']) {
          response.content['application/json'].example = example.response;
        }
      }
    }
  }
  simplifyAny(doc);
  cached.set(router, { baseUrl, doc });
  return doc;
}
