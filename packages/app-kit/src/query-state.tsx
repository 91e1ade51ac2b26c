'use client';

import { Alert, Button, Skeleton } from '@levqor/ui';
import type { ReactNode } from 'react';
import { errorMessage, httpStatusOf } from './api-error';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/**
 * Loading skeleton, the data, or what went wrong — the same for every query on every page. A thing that
 * does not exist (404) is said so, with `notFound` (e.g. a link back) and no "Retry": retrying cannot help.
 */
export function QueryState<T>({
  query,
  lines = 4,
  notFound,
  children,
}: {
  query: QueryLike<T>;
  lines?: number;
  notFound?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) {
    if (httpStatusOf(query.error) === 404)
      return (
        <div className="card empty" data-testid="not-found">
          <h1>{errorMessage(query.error)}</h1>
          {notFound}
        </div>
      );
    return (
      <Alert kind="error">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <span>{errorMessage(query.error)}</span>
          <Button variant="secondary" className="btn-sm" onClick={() => query.refetch()}>
            Retry
          </Button>
        </div>
      </Alert>
    );
  }
  return <Skeleton lines={lines} />;
}
