'use client';

import { Button, Field, Input } from '@levqor/ui';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const value = email.trim();
    if (!EMAIL.test(value)) {
      setError('Enter a valid email address, like you@company.com.');
      return;
    }
    setError(null);
    setPending(true);
    try {
      const res = await signIn('email', { email: value, callbackUrl, redirect: false });
      if (!res || res.error) {
        setError(
          res?.status === 429
            ? 'Too many requests. Wait a minute and try again.'
            : 'We could not send the link. Try again in a moment.',
        );
        return;
      }
      router.push(`/sign-in/check-email?email=${encodeURIComponent(value)}`);
    } catch {
      setError('We could not reach Levqor. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="stack" noValidate>
      <Field label="Email" htmlFor="email" error={error}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          placeholder="you@company.com"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Sending link…' : 'Email me a sign-in link'}
      </Button>
    </form>
  );
}
