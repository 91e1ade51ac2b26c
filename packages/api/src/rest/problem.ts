import { DATABASE_RETRY_AFTER_S } from '@levqor/db';

/** RFC 9457 problem details, the error body of the REST API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  request_id: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const UNAVAILABLE_DETAIL = `The service is briefly unavailable (its database cannot be reached); retry in ${DATABASE_RETRY_AFTER_S} s.`;

/** 503 while the database cannot be reached: clients retry after `Retry-After` seconds. */
export const unavailable = (requestId: string) => problem(503, UNAVAILABLE_DETAIL, requestId);

export function problem(
  status: number,
  detail: string,
  requestId: string,
  errors?: Problem['errors'],
): Problem {
  const title = TITLES[status] ?? 'Error';
  return {
    type: `https://levqor.dev/problems/${title.toLowerCase().replaceAll(' ', '-')}`,
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
    401,
    'A valid API key is required: send "Authorization: Bearer <key>" or "X-Api-Key: <key>".',
    requestId,
  );

interface TrpcErrorBody {
  message?: string;
  code?: string;
  issues?: { path: (string | number)[]; message: string }[];
  data?: { issues?: { path: (string | number)[]; message: string }[] | null };
}

/** trpc-to-openapi's error body → problem details (validation issues become `errors`). */
export function problemFromTrpc(status: number, body: TrpcErrorBody, requestId: string): Problem {
  const issues = body.issues ?? body.data?.issues ?? [];
  const errors = issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  let detail = body.message ?? 'Error';
  if (status === 400 && errors.length > 0)
    detail = `Invalid request: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`.slice(0, 1000);
  if (status === 404 && detail === 'Not found') detail = 'No such route or resource';
  if (status === 503) detail = UNAVAILABLE_DETAIL;
  else if (status >= 500) detail = `Something went wrong on our side (request ${requestId}).`;
  return problem(status, detail, requestId, errors);
}
