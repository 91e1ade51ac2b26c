export { AUTH_PAGES, createAuthOptions, getAuthOptions, type UserRole } from './auth-options';
export { authHandler } from './route-handler';
export { getSession, isAdmin } from './session';
