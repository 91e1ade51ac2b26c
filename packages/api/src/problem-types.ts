import { DOMAIN_REASONS, type DomainErrorCode, type DomainReason, PROBLEM_TYPE_BASE } from '@levqor/core';

/** The HTTP status of each kind of domain refusal. */
export const STATUS_OF_CODE: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
};

/** Refusals of the HTTP layer (gateway, server), and the generic reason of a status when none is known. */
const HTTP_REASONS = {
  'invalid-json': { status: 400, title: 'Invalid JSON' },
  'invalid-path': { status: 400, title: 'Invalid request path' },
  'unstorable-text': { status: 400, title: 'Unstorable text' },
  forbidden: { status: 403, title: 'Forbidden' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'uri-too-long': { status: 414, title: 'URI too long' },
  unprocessable: { status: 422, title: 'Unprocessable content' },
  'too-many-invalid-keys': { status: 429, title: 'Too many invalid API keys' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemReason = DomainReason | keyof typeof HTTP_REASONS;

/**
 * THE table of problem types: every reason the API refuses a request → its status and title. Its type
 * URI is `problemType(reason)`. The OpenAPI document lists it; clients branch on `type`.
 */
export const PROBLEM_TYPES: Readonly<Record<ProblemReason, { status: number; title: string }>> = {
  ...(Object.fromEntries(
    Object.entries(DOMAIN_REASONS).map(([reason, r]) => [
      reason,
      { status: STATUS_OF_CODE[r.code], title: r.title },
    ]),
  ) as Record<DomainReason, { status: number; title: string }>),
  ...HTTP_REASONS,
};

export { PROBLEM_TYPE_BASE };

export const problemType = (reason: ProblemReason) => `${PROBLEM_TYPE_BASE}${reason}`;

const GENERIC: Record<number, ProblemReason> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'rate-limited',
  503: 'unavailable',
};

/** The reason of a refusal known only by its status (e.g. a route that does not exist). */
export const reasonOfStatus = (status: number): ProblemReason =>
  GENERIC[status] ?? (status >= 500 ? 'internal' : 'validation');

export const isProblemReason = (value: unknown): value is ProblemReason =>
  typeof value === 'string' && Object.hasOwn(PROBLEM_TYPES, value);
