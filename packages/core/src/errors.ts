/** Domain error kinds; adapters map them to HTTP / tRPC codes. Messages are safe to show to the caller. */
export type DomainErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYMENT_REQUIRED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNPROCESSABLE'
  | 'TOO_MANY_REQUESTS'
  | 'UNAVAILABLE';

/**
 * Every reason the domain refuses a request: a stable, machine-readable code clients branch on (the
 * REST API's problem `type` is `https://levqor.dev/problems/<reason>`), its kind and a short title.
 * People read the error's message; programs read its reason.
 */
export const DOMAIN_REASONS = {
  validation: { code: 'BAD_REQUEST', title: 'Invalid request' },
  'invalid-cursor': { code: 'BAD_REQUEST', title: 'Invalid cursor' },
  'unknown-version': { code: 'BAD_REQUEST', title: 'Unknown workflow version' },
  'rate-limit-above-ceiling': { code: 'BAD_REQUEST', title: 'Rate limit above the workspace ceiling' },
  'bulk-limit-exceeded': { code: 'BAD_REQUEST', title: 'Too many jobs for one bulk request' },
  unauthorized: { code: 'UNAUTHORIZED', title: 'Unauthorized' },
  'budget-exceeded': { code: 'PAYMENT_REQUIRED', title: 'Budget exceeded' },
  'job-quota-exceeded': { code: 'PAYMENT_REQUIRED', title: "Plan's monthly job quota used" },
  'account-suspended': { code: 'FORBIDDEN', title: 'Account suspended' },
  'missing-scope': { code: 'FORBIDDEN', title: 'API key lacks the scope' },
  'not-for-api-keys': { code: 'FORBIDDEN', title: 'Not available with an API key' },
  'owner-only': { code: 'FORBIDDEN', title: 'Workspace owners only' },
  'terms-not-accepted': { code: 'FORBIDDEN', title: 'Current terms not accepted' },
  'privacy-token-invalid': { code: 'BAD_REQUEST', title: 'Invalid or expired privacy link' },
  'privacy-code-invalid': { code: 'BAD_REQUEST', title: 'Wrong download code' },
  'privacy-code-void': { code: 'CONFLICT', title: 'Download code expired or used up' },
  'privacy-request-closed': { code: 'CONFLICT', title: 'Privacy request already closed' },
  'admin-only': { code: 'FORBIDDEN', title: 'Administrators only' },
  'not-found': { code: 'NOT_FOUND', title: 'Not found' },
  'job-not-found': { code: 'NOT_FOUND', title: 'Job not found' },
  'job-ended': { code: 'CONFLICT', title: 'Job already ended' },
  'job-not-replayable': { code: 'CONFLICT', title: 'Job cannot be replayed' },
  'idempotency-key-reused': { code: 'CONFLICT', title: 'Idempotency-Key reused' },
  'email-taken': { code: 'CONFLICT', title: 'Email already registered' },
  'workflow-slug-taken': { code: 'CONFLICT', title: 'Workflow slug taken' },
  'workflow-read-only': { code: 'CONFLICT', title: 'Workflow archived' },
  'key-not-rotatable': { code: 'CONFLICT', title: 'API key cannot be rotated' },
  'delivery-in-progress': { code: 'CONFLICT', title: 'Delivery in progress' },
  'alert-state': { code: 'CONFLICT', title: 'Alert already in that state' },
  'suspension-state': { code: 'CONFLICT', title: 'Workspace already in that state' },
  'recommendation-decided': { code: 'CONFLICT', title: 'Recommendation already decided' },
  'billing-off': { code: 'CONFLICT', title: 'Billing is not configured' },
  'payload-too-large': { code: 'PAYLOAD_TOO_LARGE', title: 'Payload too large' },
  'workflow-not-published': { code: 'UNPROCESSABLE', title: 'Workflow not published' },
  'workflow-archived': { code: 'UNPROCESSABLE', title: 'Workflow archived' },
  'high-risk-data': { code: 'UNPROCESSABLE', title: 'High-risk data' },
  'too-deep-to-screen': { code: 'UNPROCESSABLE', title: 'Nested too deeply to screen' },
  'rate-limited': { code: 'TOO_MANY_REQUESTS', title: 'Rate limited' },
  /** Stabilize mode sheds low-priority intake (503 with Retry-After). */
  stabilizing: { code: 'UNAVAILABLE', title: 'Stabilizing: low-priority intake paused' },
} as const satisfies Record<string, { code: DomainErrorCode; title: string }>;

export type DomainReason = keyof typeof DOMAIN_REASONS;

/** Where problem types live: a problem's `type` is this plus its reason (`…/budget-exceeded`). */
export const PROBLEM_TYPE_BASE = 'https://levqor.dev/problems/';

export class DomainError extends Error {
  /** The kind of refusal (from the reason), for adapters mapping it to a status. */
  readonly code: DomainErrorCode;

  constructor(
    readonly reason: DomainReason,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = DOMAIN_REASONS[reason].code;
  }
}

export const notFound = (what: string) => new DomainError('not-found', `${what} not found`);
