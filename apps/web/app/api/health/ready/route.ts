import { readyResponse } from '@levqor/app-kit/health-routes';

export const dynamic = 'force-dynamic';
export const GET = () => readyResponse('web');
