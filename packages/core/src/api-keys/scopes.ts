import { z } from 'zod';

export const API_SCOPES = [
  'jobs:read',
  'jobs:write',
  'workflows:read',
  'workflows:write',
  'usage:read',
  'privacy:read',
  'privacy:write',
  'sla:read',
  'sla:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];
export const ZApiScope = z.enum(API_SCOPES, { error: `scope must be one of ${API_SCOPES.join(', ')}` });
