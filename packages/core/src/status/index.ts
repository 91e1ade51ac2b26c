export * from './incidents';
export * from './monthly-availability';
export * from './sla-claims';
export * from './sla-policy';
export * from './status-page';
export * from './workspace-sla-claims';
