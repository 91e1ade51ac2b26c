import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from './openapi-document';

/** openapi-typescript's types for the REST API, as committed in generated/levqor-api.ts. */
export async function clientTypes(): Promise<string> {
  const ast = await openapiTS(openApiDocument('https://levqor.dev') as never);
  return `// Generated from the OpenAPI document by scripts/generate-client-types.ts. Do not edit.\n${astToString(ast)}`;
}
