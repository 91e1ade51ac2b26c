'use client';

import { QueryState } from '@levqor/app-kit/query-state';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Card } from '@levqor/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { CreatedKey } from '../api-types';
import { CreateKeyForm } from './create-key-form';
import { KeyTable } from './key-table';
import { NewKeyDialog } from './new-key-dialog';

/** Create, list, rotate and revoke the workspace's API keys; a new plaintext key is shown once. */
export function KeysManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const [fresh, setFresh] = useState<{ created: CreatedKey; rotated: boolean } | null>(null);

  const refresh = useCallback(
    () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() }),
    [queryClient, trpc],
  );
  const show = useCallback(
    (created: CreatedKey, rotated: boolean) => {
      setFresh({ created, rotated });
      void refresh();
    },
    [refresh],
  );

  return (
    <>
      <Card title="Create a key">
        <CreateKeyForm onCreated={(created) => show(created, false)} />
      </Card>
      <Card title="Keys">
        <QueryState query={keys}>
          {(list) => (
            <KeyTable keys={list} onRotated={(created) => show(created, true)} onChanged={refresh} />
          )}
        </QueryState>
      </Card>
      <NewKeyDialog fresh={fresh} onClose={() => setFresh(null)} />
    </>
  );
}
