'use client';

import { createContext, type ReactNode, useContext, useState } from 'react';
import type { SchemaObject } from './openapi-types';
import { SchemaView } from './schema-view';

const Schemas = createContext<Record<string, SchemaObject>>({});

/** `components.schemas` of the document, sent to the browser once for the folded schemas below. */
export function ReferenceSchemas({
  schemas,
  children,
}: {
  schemas: Record<string, SchemaObject>;
  children: ReactNode;
}) {
  return <Schemas.Provider value={schemas}>{children}</Schemas.Provider>;
}

/**
 * A schema in a `<details>` that is closed at first and drawn when first opened. The reference folds each
 * schema it repeats (a request's or response's named schema, fields deeper than one level); drawn up
 * front, those folds made the page ~14,000 elements (and 1.5 MB of HTML) for the phone to parse, lay out
 * and hydrate before it answered. Opened, it shows what it always showed, and stays drawn.
 */
export function FoldedSchema({
  summary,
  schema,
  depth,
  seen,
}: {
  summary: string;
  schema: SchemaObject;
  depth: number;
  seen: string[];
}) {
  const schemas = useContext(Schemas);
  const [opened, setOpened] = useState(false);
  return (
    <details
      className="schema-nested"
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary>{summary}</summary>
      {opened && (
        <div className="schema-nested-body">
          <SchemaView schema={schema} schemas={schemas} depth={depth} seen={seen} />
        </div>
      )}
    </details>
  );
}
