'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { NameForm } from '~/components/name-form';

export function ProfileForm({ initialName, email }: { initialName: string; email: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(trpc.me.updateProfile.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <NameForm
      title="Profile"
      label="Your name"
      id="profile-name"
      initialName={initialName}
      maxLength={100}
      hint={`Signed in as ${email}`}
      save={(name) => update.mutateAsync({ name })}
    />
  );
}
