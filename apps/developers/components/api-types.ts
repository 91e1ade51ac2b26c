import type { AppRouter } from '@levqor/api';
import type { inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<AppRouter>;

export type ApiKey = Outputs['apiKeys']['list'][number];
export type CreatedKey = Outputs['apiKeys']['create'];
export type Delivery = Outputs['developer']['deliveries']['items'][number];
export type ApiUsage = Outputs['developer']['apiUsage'];
