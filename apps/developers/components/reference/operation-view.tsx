import { Badge, TableScroll } from '@levqor/ui';
import { InlineText } from './inline-text';
import { MediaView } from './media-view';
import {
  type ApiDocument,
  deref,
  type OperationEntry,
  type Parameter,
  type ResponseObject,
} from './openapi-types';
import { constraints } from './schema-text';
import { TypeLabel } from './schema-view';

export function MethodBadge({ method }: { method: string }) {
  return <span className={`method method-${method}`}>{method.toUpperCase()}</span>;
}

function statusTone(code: string) {
  if (code.startsWith('2')) return 'ok' as const;
  if (code.startsWith('4')) return 'warn' as const;
  if (code.startsWith('5')) return 'danger' as const;
  return undefined;
}

function Parameters({ params }: { params: Parameter[] }) {
  return (
    <TableScroll label="Parameters (scrolls sideways)">
      <table className="table" aria-label="Parameters">
        <thead>
          <tr>
            <th>Name</th>
            <th>In</th>
            <th>Type</th>
            <th>Description</th>
          </tr>
        </thead>
        <tbody>
          {params.map((p) => (
            <tr key={`${p.in}-${p.name}`}>
              <td className="nowrap">
                <code>{p.name}</code>
                {(p.required || p.in === 'path') && <span className="schema-required">required</span>}
              </td>
              <td>{p.in}</td>
              <td>{p.schema ? <TypeLabel schema={p.schema} /> : 'any'}</td>
              <td>
                <InlineText text={p.description ?? p.schema?.description ?? ''} />
                {p.schema && constraints(p.schema).length > 0 && (
                  <div className="faint">{constraints(p.schema).join(' · ')}</div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Response({ code, response, doc }: { code: string; response: ResponseObject; doc: ApiDocument }) {
  const schemas = doc.components?.schemas ?? {};
  const headers = Object.entries(response.headers ?? {}).flatMap(([name, h]) => {
    const header = deref(h, doc, 'headers');
    return header ? [[name, header] as const] : [];
  });
  const hasBody = !!response.content && Object.keys(response.content).length > 0;
  return (
    <li className="response" data-status={code}>
      <details open={code.startsWith('2')}>
        <summary className="response-summary">
          <Badge tone={statusTone(code)}>{code}</Badge> <InlineText text={response.description ?? ''} />
        </summary>
        <div className="stack response-body">
          {headers.length > 0 && (
            <ul className="schema-props">
              {headers.map(([name, h]) => (
                <li key={name}>
                  <div className="schema-head">
                    <span className="faint">header</span> <code className="schema-name">{name}</code>
                    {h.schema && <TypeLabel schema={h.schema} />}
                  </div>
                  {h.description && (
                    <div className="schema-notes">
                      <InlineText text={h.description} />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          {hasBody ? (
            <MediaView content={response.content!} schemas={schemas} />
          ) : (
            <span className="faint">No body.</span>
          )}
        </div>
      </details>
    </li>
  );
}

/** One operation: method, path, summary, description, parameters, request body and every response. */
export function OperationView({ entry, doc }: { entry: OperationEntry; doc: ApiDocument }) {
  const { op } = entry;
  const schemas = doc.components?.schemas ?? {};
  const params = (op.parameters ?? []).flatMap((p) => deref<Parameter>(p, doc, 'parameters') ?? []);
  const body = op.requestBody ? deref(op.requestBody, doc, 'requestBodies') : null;
  const responses = Object.entries(op.responses ?? {})
    .flatMap(([code, r]) => {
      const response = deref(r, doc, 'responses');
      return response ? [[code, response] as const] : [];
    })
    .sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="card operation" id={entry.id} aria-labelledby={`${entry.id}-title`}>
      <h3 id={`${entry.id}-title`} className="operation-title">
        <MethodBadge method={entry.method} />
        <code className="operation-path">{entry.path}</code>
        <span className="operation-summary">{op.summary}</span>
      </h3>
      {op.description && (
        <p className="muted">
          <InlineText text={op.description} />
        </p>
      )}
      {(op.security?.length ?? 0) > 0 && (
        <p className="faint" style={{ marginTop: 0 }}>
          Authenticated with an API key (<code>Authorization: Bearer</code> or <code>X-Api-Key</code>).
        </p>
      )}
      <div className="stack">
        {params.length > 0 && (
          <div>
            <h4>Parameters</h4>
            <Parameters params={params} />
          </div>
        )}
        {body?.content && (
          <div>
            <h4>Request body {body.required && <span className="schema-required">required</span>}</h4>
            {body.description && (
              <p className="muted">
                <InlineText text={body.description} />
              </p>
            )}
            <MediaView content={body.content} schemas={schemas} />
          </div>
        )}
        <div>
          <h4>Responses</h4>
          <ul className="responses">
            {responses.map(([code, response]) => (
              <Response key={code} code={code} response={response} doc={doc} />
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
