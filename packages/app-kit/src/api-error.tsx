import { TRPCClientError } from '@trpc/client';

export interface Issue {
  path: (string | number)[];
  message: string;
}

interface ErrorData {
  code?: string;
  httpStatus?: number;
  requestId?: string | null;
  issues?: Issue[] | null;
}

function dataOf(err: unknown): ErrorData | null {
  if (err instanceof TRPCClientError) return (err.data ?? null) as ErrorData | null;
  return null;
}

/** The validation issues of a failed call (full paths such as `steps.2.timeout_ms`), or []. */
export function issuesOf(err: unknown): Issue[] {
  return dataOf(err)?.issues ?? [];
}

/** HTTP status of a failed tRPC call (402 budget, 409 conflict, 422 unpublished…), or null. */
export function httpStatusOf(err: unknown): number | null {
  return dataOf(err)?.httpStatus ?? null;
}

/** A sentence to show for any failed call; validation failures summarize their issues. */
export function errorMessage(err: unknown): string {
  if (!err) return '';
  const issues = issuesOf(err);
  if (issues.length > 0) {
    const first = issues[0]!;
    const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    return `${where}${first.message}${more}`;
  }
  if (err instanceof Error && err.message) {
    if (err.message === 'Failed to fetch')
      return 'Could not reach the server. Check your connection and retry.';
    return err.message;
  }
  return 'Something went wrong. Try again.';
}
