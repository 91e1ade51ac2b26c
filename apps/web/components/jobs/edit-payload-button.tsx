'use client';

import { Button } from '@levqor/ui';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { JobDetail } from '../api-types';

// The editor is loaded when it is opened: it stays out of the job page's first-load JavaScript.
const EditPayloadDialog = dynamic(() => import('./edit-payload-dialog').then((m) => m.EditPayloadDialog), {
  ssr: false,
});

/** "Rerun with edited payload…": opens the editor (`EditPayloadDialog`). */
export function EditPayloadButton({ job }: { job: JobDetail }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Rerun with edited payload…
      </Button>
      {open && <EditPayloadDialog job={job} onClose={() => setOpen(false)} />}
    </>
  );
}
