import type { ApiScope } from '@levqor/core';
import { PROBLEM_TYPES } from './problem-types';
import type { Meta } from './trpc';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const ERRORS = {
  400: 'Invalid input (problem+json with `errors`)',
  401: 'Missing, malformed, unknown, expired or revoked API key',
  402: "Estimated cost exceeds the remaining monthly budget, or the plan's monthly job quota is used",
  403: 'The API key lacks the required scope, or the account is suspended (an unpaid invoice, or by Levqor)',
  404: 'Not found in this workspace',
  409: 'Conflict (idempotency key reused with another body, state does not allow it)',
  413: 'Request body or payload too large',
  415: 'Content-Type must be application/json',
  422: 'Unprocessable: high-risk data refused (the detail names the category and the term), or the workflow is unpublished or archived',
  429: 'Rate limit exceeded (see Retry-After)',
  503: 'Unavailable: the database cannot be reached, or stabilize mode refuses low-priority jobs (see Retry-After)',
} as const;

/** A status's description, with the problem types (reasons) it can carry. */
const describe = (status: keyof typeof ERRORS) => {
  const reasons = Object.entries(PROBLEM_TYPES)
    .filter(([, p]) => p.status === status)
    .map(([reason]) => `\`${reason}\``);
  return `${ERRORS[status]}. Problem types: ${reasons.join(', ')}`;
};

/** REST metadata for a procedure: route, scope, tag, summary and the error responses that apply. */
export function rest(
  method: Method,
  path: string,
  opts: {
    scope: ApiScope;
    tag: string;
    summary: string;
    description?: string;
    errors: (keyof typeof ERRORS)[];
    successDescription?: string;
  },
): Meta {
  const codes = [...new Set([401, 429, ...opts.errors])].sort() as (keyof typeof ERRORS)[];
  return {
    scope: opts.scope,
    openapi: {
      method,
      path: path as `/${string}`,
      protect: true,
      tags: [opts.tag],
      summary: opts.summary,
      description: opts.description,
      successDescription: opts.successDescription,
      errorResponses: Object.fromEntries(codes.map((c) => [c, describe(c)])),
    },
  };
}
