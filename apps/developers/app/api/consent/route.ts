export { consentHandler as POST } from '@levqor/app-kit/privacy/consent-routes';

export const dynamic = 'force-dynamic';
