import { healthResponse } from '@levqor/app-kit/health-routes';

export const dynamic = 'force-dynamic';
export const GET = () => healthResponse('admin');
