export * from 'drizzle-orm';
export { connectionProbe, DatabaseAvailability, getDatabaseAvailability } from './availability';
export { closeDb, createDb, type Database, type DbOrTx, getDb, type Tx } from './client';
export { hotQuery } from './hot-query';
export { newId, randomBase62 } from './ids';
export { fromDriverRows, insertRows, insertRowsReturning, insertRowsSql } from './insert-rows';
export { pipelinedTransaction } from './pipeline';
export * from './schema';
export { DATABASE_RETRY_AFTER_S, isDatabaseUnavailable, isUniqueViolation } from './unavailable';
