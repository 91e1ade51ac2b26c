import { generateOpenApiDocument } from 'trpc-to-openapi';
import { appRouter } from '../root';
import { API_PREFIX } from './gateway';

let cached: { baseUrl: string; doc: ReturnType<typeof generateOpenApiDocument> } | null = null;

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'request_id'],
  properties: {
    type: { type: 'string', format: 'uri' },
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
    type: 'https://levqor.dev/problems/not-found',
    title: 'Not Found',
    status: 404,
    detail: 'Job not found',
    request_id: '8d6f0c9e-…',
  },
};

type Operation = { responses?: Record<string, { description?: string; content?: Record<string, unknown> }> };

/** The OpenAPI 3.1 document of /api/v1, generated from the tRPC routers, with problem+json errors. */
export function openApiDocument(origin: string) {
  const baseUrl = `${origin.replace(/\/$/, '')}${API_PREFIX}`;
  if (cached?.baseUrl === baseUrl) return cached.doc;
  const doc = generateOpenApiDocument(appRouter, {
    title: 'Levqor API',
    version: '1.0.0',
    description:
      'Submit and follow jobs, manage workflows and read usage. Authenticate with an API key: `Authorization: Bearer <key>` or `X-Api-Key: <key>`.',
    baseUrl,
    tags: ['Jobs', 'Workflows', 'Usage', 'Original contract'],
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'An API key, e.g. lvq_live_…' },
      apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    },
  });
  doc.components ??= {};
  doc.components.schemas = { ...(doc.components.schemas ?? {}), Problem: PROBLEM_SCHEMA as never };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item as Record<string, Operation>)) {
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        if (Number(code) >= 400)
          response.content = {
            'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
          };
      }
    }
  }
  cached = { baseUrl, doc };
  return doc;
}
