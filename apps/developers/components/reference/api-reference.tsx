'use client';

import { Card, CodeBlock, TableScroll } from '@levqor/ui';
import { ReferenceSchemas } from './folded-schema';
import { InlineText } from './inline-text';
import { type ApiDocument, operationsByTag } from './openapi-types';
import { OperationView } from './operation-view';
import { ReferenceToc } from './reference-toc';
import { SchemaView } from './schema-view';

/**
 * The whole reference, rendered from the OpenAPI document (no CDN): on the server for the page's HTML, and
 * from the same document in the browser — a client component, so the page carries the 82 KB document
 * instead of the rendered tree in React's server-component payload (~0.4 MB). The schemas it folds away
 * are drawn when opened (`FoldedSchema`).
 */
export function ApiReference({ doc }: { doc: ApiDocument }) {
  const groups = operationsByTag(doc);
  const schemas = doc.components?.schemas ?? {};
  const schemaNames = Object.keys(schemas).sort();
  const base = doc.servers?.[0]?.url ?? '';
  return (
    <ReferenceSchemas schemas={schemas}>
      <div className="reference">
        <ReferenceToc groups={groups} schemaNames={schemaNames} />
        <div className="stack reference-main">
          <Card title="Basics">
            <div className="stack">
              {doc.info.description && (
                <p style={{ margin: 0 }}>
                  <InlineText text={doc.info.description} />
                </p>
              )}
              <CodeBlock title="Base URL" code={base} />
              <p className="faint" style={{ margin: 0 }}>
                JSON in, JSON out. Errors are <code>application/problem+json</code> (see{' '}
                <a href="#schema-Problem">Problem</a>); every response carries <code>X-Request-Id</code> and{' '}
                <code>X-RateLimit-Limit / Remaining / Reset</code>. The machine-readable document:{' '}
                <a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI {doc.openapi}).
              </p>
            </div>
          </Card>
          <ProblemTypes types={doc['x-problem-types'] ?? []} />
          {groups.map((g) => (
            <section key={g.tag} id={`tag-${encodeURIComponent(g.tag)}`} className="stack" aria-label={g.tag}>
              <div>
                <h2 style={{ marginBottom: 4 }}>{g.tag}</h2>
                {g.description && (
                  <p className="muted" style={{ margin: 0 }}>
                    <InlineText text={g.description} />
                  </p>
                )}
              </div>
              {g.ops.map((entry) => (
                <OperationView key={entry.id} entry={entry} doc={doc} />
              ))}
            </section>
          ))}
          <section id="schemas" className="stack" aria-label="Schemas">
            <h2 style={{ marginBottom: 0 }}>Schemas</h2>
            {schemaNames.map((name) => (
              <section key={name} id={`schema-${name}`} className="card">
                <h3>{name}</h3>
                <SchemaView schema={schemas[name]!} schemas={schemas} seen={[name]} />
              </section>
            ))}
          </section>
        </div>
      </div>
    </ReferenceSchemas>
  );
}

/** Every problem `type`: clients branch on it (the detail is for people). */
function ProblemTypes({ types }: { types: NonNullable<ApiDocument['x-problem-types']> }) {
  if (types.length === 0) return null;
  return (
    <section id="problem-types" aria-label="Problem types">
      <Card title="Problem types">
        <p className="faint" style={{ marginTop: 0 }}>
          An error's <code>type</code> names why the request was refused; branch on it rather than on the
          status or the detail.
        </p>
        <TableScroll label="Problem types (scrolls sideways)">
          <table className="table" aria-label="Problem types">
            <thead>
              <tr>
                <th>Status</th>
                <th>Type</th>
                <th>Title</th>
              </tr>
            </thead>
            <tbody>
              {types.map((t) => (
                <tr key={t.type}>
                  <td>{t.status}</td>
                  <td className="nowrap">
                    <code>{t.type}</code>
                  </td>
                  <td>{t.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Card>
    </section>
  );
}
