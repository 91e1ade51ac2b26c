import { CodeBlock } from '@levqor/ui';
import { examplesOf } from './examples';
import { FoldedSchema } from './folded-schema';
import type { MediaType, SchemaObject } from './openapi-types';
import { SchemaView, TypeLabel } from './schema-view';

/** Each content type of a body: its schema and examples. */
export function MediaView({
  content,
  schemas,
}: {
  content: Record<string, MediaType>;
  schemas: Record<string, SchemaObject>;
}) {
  return (
    <>
      {Object.entries(content).map(([type, media]) => (
        <div key={type} className="stack" style={{ gap: 8 }}>
          <span className="faint">
            <code>{type}</code>
            {media.schema && (
              <>
                {' · '}
                <TypeLabel schema={media.schema} />
              </>
            )}
          </span>
          {media.schema?.$ref ? (
            // A named schema is described once under Schemas; here its fields fold away.
            <FoldedSchema summary="fields" schema={media.schema} depth={0} seen={[]} />
          ) : (
            media.schema && <SchemaView schema={media.schema} schemas={schemas} />
          )}
          {examplesOf(media).map((ex) => (
            <CodeBlock key={ex.title} title={ex.title} code={ex.code} />
          ))}
        </div>
      ))}
    </>
  );
}
