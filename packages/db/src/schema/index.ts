export * from './dev-mail';
export * from './users';
export * from './workspaces';
