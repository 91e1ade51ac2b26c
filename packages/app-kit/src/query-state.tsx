'use client';

import { Alert, Button, Skeleton } from '@levqor/ui';
import type { ReactNode } from 'react';
import { errorMessage } from './api-error';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Loading skeleton, error alert with a retry, or the data — the same for every query on every page. */
export function QueryState<T>({
  query,
  lines = 4,
  children,
}: {
  query: QueryLike<T>;
  lines?: number;
  children: (data: T) => ReactNode;
}) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) {
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
