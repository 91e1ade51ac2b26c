import { analyticsHandler } from '@levqor/app-kit/privacy/consent-routes';

export const dynamic = 'force-dynamic';

export function POST(req: Request) {
  return analyticsHandler(req);
}
