import { checkEmailPage } from '@levqor/app-kit/auth-pages/pages';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Check your email' };
export default checkEmailPage('Dashboard');
