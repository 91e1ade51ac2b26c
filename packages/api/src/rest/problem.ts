import { DATABASE_RETRY_AFTER_S } from '@levqor/db';
import {
  isProblemReason,
  PROBLEM_TYPES,
  type ProblemReason,
  problemType,
  reasonOfStatus,
} from '../problem-types';

/** RFC 9457 problem details, the error body of the REST API. `type` names the reason (PROBLEM_TYPES). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  request_id: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const UNAVAILABLE_DETAIL = `The service is briefly unavailable (its database cannot be reached); retry in ${DATABASE_RETRY_AFTER_S} s.`;

/** 503 while the database cannot be reached: clients retry after `Retry-After` seconds. */
export const unavailable = (requestId: string) => problem('unavailable', UNAVAILABLE_DETAIL, requestId);

/** The problem for `reason`: its type URI, title and status come from PROBLEM_TYPES. */
export function problem(
  reason: ProblemReason,
  detail: string,
  requestId: string,
  errors?: Problem['errors'],
): Problem {
  const { status, title } = PROBLEM_TYPES[reason];
  return {
    type: problemType(reason),
    title,
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
    request_id: requestId,
  };
}

/** The same body for every authentication failure: nothing tells a caller which check failed. */
export const unauthorized = (requestId: string) =>
  problem(
    'unauthorized',
    'A valid API key is required: send "Authorization: Bearer <key>" or "X-Api-Key: <key>".',
    requestId,
  );

interface TrpcErrorBody {
  message?: string;
  code?: string;
  issues?: { path: (string | number)[]; message: string }[];
  data?: { issues?: { path: (string | number)[]; message: string }[] | null; reason?: unknown };
}

/**
 * trpc-to-openapi's error body → problem details (validation issues become `errors`). The reason is the
 * one the error formatter put in `data.reason` (a domain error's), else the status's generic one.
 */
export function problemFromTrpc(status: number, body: TrpcErrorBody, requestId: string): Problem {
  const issues = body.issues ?? body.data?.issues ?? [];
  const errors = issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  let detail = body.message ?? 'Error';
  if (status === 400 && errors.length > 0)
    detail = `Invalid request: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`.slice(0, 1000);
  if (status === 404 && detail === 'Not found') detail = 'No such route or resource';
  const given = body.data?.reason;
  // Stabilize mode's refusal says what to do; any other 503 is the database being unreachable.
  if (status === 503 && given !== 'stabilizing') detail = UNAVAILABLE_DETAIL;
  else if (status >= 500 && status !== 503)
    detail = `Something went wrong on our side (request ${requestId}).`;
  const reason =
    isProblemReason(given) && PROBLEM_TYPES[given].status === status ? given : reasonOfStatus(status);
  return problem(reason, detail, requestId, errors);
}
