export * from '../feature-flags/feature-flag-reader';
export * from '../feature-flags/flag-bucket';
export * from '../feature-flags/manage-feature-flags';
export * from './admin-accounts';
export * from './admin-action';
export * from './admin-jobs';
export * from './audit-log';
export { decodeCursor, encodeCursor } from './keyset-cursor';
