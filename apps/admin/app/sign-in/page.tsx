import { signInPage } from '@levqor/app-kit/auth-pages/pages';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sign in' };
export default signInPage('Admin console', '/users');
