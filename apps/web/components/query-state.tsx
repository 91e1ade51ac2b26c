export { QueryState } from '@levqor/app-kit/query-state';
