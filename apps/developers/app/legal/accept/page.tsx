import { legalAcceptPage } from '@levqor/app-kit/privacy/legal-accept-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Accept the updated terms' };
export default legalAcceptPage('/keys');
