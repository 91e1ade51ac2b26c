'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { NameForm } from '~/components/name-form';

export function WorkspaceForm({ initialName, canEdit }: { initialName: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const rename = useMutation(trpc.workspace.rename.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <NameForm
      title="Workspace"
      label="Workspace name"
      id="workspace-name"
      initialName={initialName}
      maxLength={80}
      disabled={!canEdit}
      hint={canEdit ? 'Shown to every member.' : 'Only an owner can rename the workspace.'}
      save={(name) => rename.mutateAsync({ name })}
    />
  );
}
