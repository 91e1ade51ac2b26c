import { inngestRoute } from '@levqor/app-kit/inngest-route';

export const dynamic = 'force-dynamic';
export const { GET, POST, PUT } = inngestRoute;
