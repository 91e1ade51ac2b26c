export * from './api-keys';
export * from './audit';
export * from './dev-mail';
export * from './engine';
export * from './jobs';
export * from './users';
export * from './workflows';
export * from './workspaces';
