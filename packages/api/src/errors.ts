import { DomainError, type DomainErrorCode } from '@levqor/core';
import { isDatabaseUnavailable } from '@levqor/db';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/unstable-core-do-not-import';
import { ZodError } from 'zod';
import type { ProblemReason } from './problem-types';

const CODE_MAP: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYMENT_REQUIRED: 'PAYMENT_REQUIRED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNPROCESSABLE: 'UNPROCESSABLE_CONTENT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

/** PostgreSQL cannot store this text (NUL bytes, unsupported Unicode escapes): the input's fault, not ours. */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

function postgresCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * The machine-readable reason of a tRPC error, when more is known than its code: a domain error's own,
 * `validation` for invalid input, `invalid-json`, `unstorable-text`. Null otherwise (the code decides).
 */
export function reasonOf(error: TRPCError): ProblemReason | null {
  const cause = error.cause;
  if (cause instanceof DomainError) return cause.reason;
  if (cause instanceof ZodError) return 'validation';
  if (cause instanceof SyntaxError) return 'invalid-json';
  if (UNSTORABLE_TEXT.has(postgresCode(cause) ?? '')) return 'unstorable-text';
  return null;
}

/**
 * A validation failure in one line a person can act on: its first issue with its path, e.g.
 * `plan: Unknown plan “bogus”. Plans: free, …` (the same sentence the apps' `errorMessage` shows; every
 * issue is in the error's `data.issues`).
 */
function validationMessage(err: ZodError): string {
  const first = err.issues[0];
  if (!first) return 'Invalid input';
  const where = first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
  const more = err.issues.length > 1 ? ` (and ${err.issues.length - 1} more)` : '';
  return `${where}${first.message}${more}`;
}

/** Domain and validation errors become typed tRPC errors; anything else stays internal. */
export function toTRPCError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  if (UNSTORABLE_TEXT.has(postgresCode(err) ?? '')) {
    return new TRPCError({
      code: 'BAD_REQUEST',
      message:
        'The input contains characters that cannot be stored (such as NUL bytes); remove them and try again',
      cause: err,
    });
  }
  if (isDatabaseUnavailable(err))
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The service is briefly unavailable (its database cannot be reached); retry in a few seconds',
      cause: err,
    });
  if (err instanceof DomainError)
    return new TRPCError({ code: CODE_MAP[err.code], message: err.message, cause: err });
  if (err instanceof ZodError)
    return new TRPCError({ code: 'BAD_REQUEST', message: validationMessage(err), cause: err });
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal error', cause: err });
}
