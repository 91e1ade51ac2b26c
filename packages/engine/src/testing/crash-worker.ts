// A worker process for the crash tests. CRASH_MODE=hang: a worker whose run hangs until the process is
// killed. CRASH_MODE=slow: the production entry point (`runWorkerProcess`), to be stopped with SIGTERM.

import { createWorker } from '../local/worker';
import { silentSink } from '../log';
import { runWorkerProcess } from '../process';
import { createRegistry } from '../registry';
import { crashFunction } from './crash-function';

const { DATABASE_URL, CRASH_FUNCTION_ID, CRASH_FILE, CRASH_MODE } = process.env;
if (!DATABASE_URL || !CRASH_FUNCTION_ID || !CRASH_FILE) throw new Error('crash-worker: missing environment');
const mode = CRASH_MODE === 'slow' ? 'slow' : 'hang';
const registry = createRegistry([crashFunction(CRASH_FUNCTION_ID, CRASH_FILE, mode)]);

if (mode === 'hang') {
  const worker = createWorker({ url: DATABASE_URL, registry, leaseMs: 1_000, pollMs: 50, log: silentSink });
  await worker.start();
} else {
  const worker = await runWorkerProcess(registry, { log: silentSink, worker: { pollMs: 50 } });
  await worker.stopped;
}
process.stdout.write('ready\n');
