export { unsubscribeHandler as POST } from '@levqor/app-kit/privacy/unsubscribe-route';

export const dynamic = 'force-dynamic';
