// A worker process for the crash test: runs `crashJob` in hang mode until it is killed.

import { createWorker } from '../local/worker';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { crashJob } from './crash-job';

const { DATABASE_URL, CRASH_FUNCTION_ID, CRASH_FILE } = process.env;
if (!DATABASE_URL || !CRASH_FUNCTION_ID || !CRASH_FILE) throw new Error('crash-worker: missing environment');

const registry = createRegistry([crashJob(CRASH_FUNCTION_ID, CRASH_FILE, 'hang')]);
const worker = createWorker({ url: DATABASE_URL, registry, leaseMs: 1_000, pollMs: 50, log: silentSink });
await worker.start();
process.stdout.write('ready\n');
