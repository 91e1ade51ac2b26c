import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
/** State of the fault suite (embedded PostgreSQL data, launcher home); wiped at the start of each file. */
export const FAULTS_HOME = join(REPO_ROOT, '.levqor', 'faults');

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
/** Ports of its own, so the suite needs neither the e2e lock (3000–3002) nor the test database's port. */
export const PORTS = {
  /** launcher.fault.ts; worker-kill.fault.ts uses the next port. */
  postgres: port('LEVQOR_FAULTS_PG_PORT', 54352),
  redis: port('LEVQOR_FAULTS_REDIS_PORT', 6391),
  web: port('LEVQOR_FAULTS_WEB_PORT', 3110),
  admin: port('LEVQOR_FAULTS_ADMIN_PORT', 3111),
  developers: port('LEVQOR_FAULTS_DEVELOPERS_PORT', 3112),
};
