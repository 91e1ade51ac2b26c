import type { OperationEntry } from './openapi-types';
import { MethodBadge } from './operation-view';

/** The sticky table of contents: operations by tag, then the schemas. */
export function ReferenceToc({
  groups,
  schemaNames,
}: {
  groups: { tag: string; ops: OperationEntry[] }[];
  schemaNames: string[];
}) {
  return (
    <nav className="reference-toc" aria-label="API reference contents">
      {groups.map((g) => (
        <div key={g.tag}>
          <a className="reference-toc-tag" href={`#tag-${encodeURIComponent(g.tag)}`}>
            {g.tag}
          </a>
          <ul>
            {g.ops.map((e) => (
              <li key={e.id}>
                <a href={`#${e.id}`}>
                  <MethodBadge method={e.method} /> <span>{e.path}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div>
        <a className="reference-toc-tag" href="#schemas">
          Schemas
        </a>
        <ul>
          {schemaNames.map((name) => (
            <li key={name}>
              <a href={`#schema-${name}`}>{name}</a>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
