import { openApiDocument } from '@levqor/api/rest/openapi-document';
import { requireSession } from '@levqor/app-kit/guards';
import { PageHeader } from '@levqor/ui';
import { developersOrigin } from '~/components/origin';
import { ApiReference } from '~/components/reference/api-reference';
import type { ApiDocument } from '~/components/reference/openapi-types';

export const metadata = { title: 'API reference' };

export default async function ReferencePage() {
  await requireSession('/reference');
  const doc: ApiDocument = openApiDocument(developersOrigin());
  return (
    <div className="stack">
      <PageHeader
        title="API reference"
        description={`${doc.info.title} ${doc.info.version} — every operation of /api/v1, generated from the same procedures the dashboard uses.`}
      />
      <ApiReference doc={doc} />
    </div>
  );
}
