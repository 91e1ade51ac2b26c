export { trpcHandler as GET, trpcHandler as POST } from '@levqor/app-kit/trpc-route';
