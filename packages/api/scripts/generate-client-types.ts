/**
 * Regenerates `src/rest/generated/levqor-api.ts` (openapi-typescript types of the REST API) from the
 * OpenAPI document. A test fails when the committed file is stale: run `pnpm --filter @levqor/api openapi:types`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clientTypes } from '../src/rest/client-types';

const target = fileURLToPath(new URL('../src/rest/generated/levqor-api.ts', import.meta.url));
writeFileSync(target, await clientTypes());
console.log(`wrote ${target}`);
