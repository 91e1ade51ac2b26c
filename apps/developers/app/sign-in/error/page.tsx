import { authErrorPage } from '@levqor/app-kit/auth-pages/pages';

export const metadata = { title: 'Sign-in problem' };
export default authErrorPage('Developers');
