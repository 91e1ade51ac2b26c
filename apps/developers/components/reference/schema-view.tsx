import type { ReactNode } from 'react';
import { FoldedSchema } from './folded-schema';
import { InlineText } from './inline-text';
import type { SchemaObject } from './openapi-types';
import { alternatives, constraints, hasChildren, refName, resolveRef, typeLabel } from './schema-text';

interface ViewProps {
  schema: SchemaObject;
  /** `components.schemas`, to resolve `$ref`. */
  schemas: Record<string, SchemaObject>;
  depth?: number;
  /** Names of the referenced schemas being expanded above, to stop on recursion. */
  seen?: string[];
}

const MAX_DEPTH = 8;

/** The type of a schema, linking a `$ref` to its entry in the Schemas section. */
export function TypeLabel({ schema }: { schema: SchemaObject }) {
  const inner = schema.items?.$ref ?? schema.$ref;
  const text = typeLabel(schema);
  if (inner && text.startsWith(refName(inner)))
    return (
      <a className="schema-type" href={`#schema-${refName(inner)}`}>
        {text}
      </a>
    );
  return <span className="schema-type">{text}</span>;
}

function Notes({ schema }: { schema: SchemaObject }) {
  const rules = constraints(schema);
  const example = schema.example;
  if (!schema.description && rules.length === 0 && example === undefined) return null;
  return (
    <div className="schema-notes">
      {schema.description && (
        <span>
          <InlineText text={schema.description} />
        </span>
      )}
      {rules.length > 0 && <span className="faint">{rules.join(' · ')}</span>}
      {example !== undefined && (
        <span className="faint">
          e.g. <code>{JSON.stringify(example)}</code>
        </span>
      )}
    </div>
  );
}

function Nested({ schema, schemas, depth, seen }: Required<ViewProps>) {
  if (!hasChildren(schema)) return null;
  const summary = schema.$ref || schema.items?.$ref ? 'fields' : 'details';
  // The first level is open; deeper ones are folded and drawn when opened.
  if (depth >= 1) return <FoldedSchema summary={summary} schema={schema} depth={depth + 1} seen={seen} />;
  return (
    <details className="schema-nested" open>
      <summary>{summary}</summary>
      <div className="schema-nested-body">
        <SchemaView schema={schema} schemas={schemas} depth={depth + 1} seen={seen} />
      </div>
    </details>
  );
}

function Properties({ schema, schemas, depth, seen }: Required<ViewProps>) {
  const required = new Set(schema.required ?? []);
  return (
    <ul className="schema-props">
      {Object.entries(schema.properties ?? {}).map(([name, prop]) => (
        <li key={name}>
          <div className="schema-head">
            <code className="schema-name">{name}</code>
            <TypeLabel schema={prop} />
            {required.has(name) && <span className="schema-required">required</span>}
          </div>
          <Notes schema={prop} />
          <Nested schema={prop} schemas={schemas} depth={depth} seen={seen} />
        </li>
      ))}
    </ul>
  );
}

/**
 * A readable, recursive rendering of a JSON Schema: fields with types, required marks, rules and
 * examples; `$ref` resolved against `components.schemas` (recursion stops at a schema already open).
 */
export function SchemaView({ schema, schemas, depth = 0, seen = [] }: ViewProps): ReactNode {
  if (depth > MAX_DEPTH) return <span className="faint">…</span>;
  if (schema.$ref) {
    const name = refName(schema.$ref);
    const target = resolveRef(schema.$ref, schemas);
    if (!target || seen.includes(name))
      return (
        <p className="faint schema-ref">
          See <a href={`#schema-${name}`}>{name}</a>
          {target ? ' (above)' : ''}.
        </p>
      );
    return <SchemaView schema={target} schemas={schemas} depth={depth} seen={[...seen, name]} />;
  }
  const alt = alternatives(schema);
  if (alt && alt.options.length === 1)
    return <SchemaView schema={alt.options[0]!} schemas={schemas} depth={depth} seen={seen} />;
  if (alt && alt.options.length > 1)
    return (
      <div className="schema-alt">
        <span className="faint">One of{alt.nullable ? ' (or null)' : ''}:</span>
        <ul className="schema-props">
          {alt.options.map((option) => (
            <li key={JSON.stringify(option)}>
              <TypeLabel schema={option} />
              <Notes schema={option} />
              <Nested schema={option} schemas={schemas} depth={depth} seen={seen} />
            </li>
          ))}
        </ul>
      </div>
    );
  if (schema.allOf)
    return (
      <>
        {schema.allOf.map((part) => (
          <SchemaView key={JSON.stringify(part)} schema={part} schemas={schemas} depth={depth} seen={seen} />
        ))}
      </>
    );
  if (schema.items)
    return (
      <div className="schema-array">
        <span className="faint">
          Array of <TypeLabel schema={schema.items} />
        </span>
        {hasChildren(schema.items) && (
          <SchemaView schema={schema.items} schemas={schemas} depth={depth} seen={seen} />
        )}
      </div>
    );
  if (schema.properties) return <Properties schema={schema} schemas={schemas} depth={depth} seen={seen} />;
  if (typeof schema.additionalProperties === 'object')
    return (
      <div className="schema-map">
        <span className="faint">
          Object with any keys, each <TypeLabel schema={schema.additionalProperties} />
        </span>
        <Nested schema={schema.additionalProperties} schemas={schemas} depth={depth} seen={seen} />
      </div>
    );
  return (
    <div className="schema-leaf">
      <TypeLabel schema={schema} />
      <Notes schema={schema} />
    </div>
  );
}
