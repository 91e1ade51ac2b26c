/** The parts of an OpenAPI 3.1 document the reference renders (loose on purpose: any valid document fits). */
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  allOf?: SchemaObject[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

export interface MediaType {
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, { summary?: string; value?: unknown }>;
}

/** A `$ref` to a reusable component (parameter, response, request body, header). */
export interface Ref {
  $ref: string;
}

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
  example?: unknown;
}

export interface Header {
  description?: string;
  schema?: SchemaObject;
}

export interface RequestBody {
  required?: boolean;
  description?: string;
  content?: Record<string, MediaType>;
}

export interface ResponseObject {
  description?: string;
  headers?: Record<string, Header | Ref>;
  content?: Record<string, MediaType>;
}

export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: (Parameter | Ref)[];
  requestBody?: RequestBody | Ref;
  responses?: Record<string, ResponseObject | Ref>;
  security?: Record<string, string[]>[];
}

export interface PathItem {
  get?: Operation;
  post?: Operation;
  put?: Operation;
  patch?: Operation;
  delete?: Operation;
}

export interface ApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths?: Record<string, PathItem>;
  /** Levqor's extension: every problem `type` of the API, with its title and status. */
  'x-problem-types'?: { type: string; reason: string; title: string; status: number }[];
  components?: {
    schemas?: Record<string, SchemaObject>;
    parameters?: Record<string, Parameter | Ref>;
    requestBodies?: Record<string, RequestBody | Ref>;
    responses?: Record<string, ResponseObject | Ref>;
    headers?: Record<string, Header | Ref>;
  };
}

export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface OperationEntry {
  method: (typeof METHODS)[number];
  path: string;
  op: Operation;
  /** Anchor on the page. */
  id: string;
}

/** Every operation grouped by its first tag, in the document's tag order (untagged ones last). */
export function operationsByTag(
  doc: ApiDocument,
): { tag: string; description?: string; ops: OperationEntry[] }[] {
  const groups = new Map<string, OperationEntry[]>();
  for (const t of doc.tags ?? []) groups.set(t.name, []);
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      const id = op.operationId ?? `${method}-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, op, id }]);
    }
  }
  return [...groups.entries()]
    .filter(([, ops]) => ops.length > 0)
    .map(([tag, ops]) => ({ tag, description: doc.tags?.find((t) => t.name === tag)?.description, ops }));
}

type Components = NonNullable<ApiDocument['components']>;

/**
 * Follows a `$ref` to `#/components/<kind>/<name>` (and chains of them, at most 10); null when it does
 * not resolve. Inline objects come back as they are.
 */
export function deref<T extends object>(
  value: T | Ref,
  doc: ApiDocument,
  kind: 'parameters' | 'requestBodies' | 'responses' | 'headers',
): T | null {
  let current: unknown = value;
  for (let i = 0; i < 10; i++) {
    if (!current || typeof current !== 'object' || !('$ref' in current)) return (current as T) ?? null;
    const ref = String((current as Ref).$ref);
    const prefix = `#/components/${kind}/`;
    if (!ref.startsWith(prefix)) return null;
    const table: Components[typeof kind] = doc.components?.[kind];
    current = table?.[ref.slice(prefix.length)];
  }
  return null;
}
