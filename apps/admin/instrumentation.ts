// Sentry on the server (off without SENTRY_DSN): see packages/app-kit/src/instrumentation.tsx.
export { onRequestError, register } from '@levqor/app-kit/instrumentation';
