import { inject } from 'vitest';

// Every test process talks to the database prepared by the global setup.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.LEVQOR_SECRET ??= 'test-secret-test-secret-test-secret-0001';
process.env.NEXTAUTH_SECRET ??= 'test-nextauth-secret-test-nextauth-0001';
