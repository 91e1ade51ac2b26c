export { authHandler as GET, authHandler as POST } from '@levqor/auth';
