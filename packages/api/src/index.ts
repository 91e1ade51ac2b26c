export { type Context, type CreateContextOptions, createContext, type SessionUser } from './context';
export { type AppRouter, appRouter, createCaller } from './root';
