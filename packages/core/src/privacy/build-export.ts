import { Readable } from 'node:stream';
import { type DbOrTx, eq, memberships } from '@levqor/db';
import { ZipFile } from 'yazl';
import { EXPORT_CATEGORIES, type ExportCategory, type ExportSubject } from './export-categories';
import { exportReadme } from './export-readme';

/** Rows fetched per query while streaming a category. */
export const EXPORT_PAGE_ROWS = 500;
/** Rows per category at most (bounded work per export); beyond it the README says so. */
export const EXPORT_MAX_ROWS = 50_000;
/** The archive may not grow past this (the build fails rather than hold more in memory). */
export const EXPORT_MAX_BYTES = 200 * 1024 * 1024;

export async function exportSubject(db: DbOrTx, user: { id: string; email: string }): Promise<ExportSubject> {
  const rows = await db
    .select({ workspaceId: memberships.workspaceId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, user.id));
  return {
    userId: user.id,
    email: user.email,
    ownedWorkspaceIds: rows.filter((r) => r.role === 'owner').map((r) => r.workspaceId),
    memberWorkspaceIds: rows.filter((r) => r.role !== 'owner').map((r) => r.workspaceId),
  };
}

/** One category as a JSON array, produced page by page while yazl reads it (never all rows at once). */
function categoryStream(
  db: DbOrTx,
  subject: ExportSubject,
  category: ExportCategory,
  opts: { pageRows: number; maxRows: number; onTruncated: () => void },
): Readable {
  async function* json() {
    yield '[';
    let after = '';
    let count = 0;
    for (;;) {
      const limit = Math.min(opts.pageRows, opts.maxRows - count);
      if (limit <= 0) {
        opts.onTruncated();
        break;
      }
      const rows = (await db.execute(category.page(subject, after, limit))) as unknown as Record<
        string,
        unknown
      >[];
      for (const row of rows) {
        yield `${count === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`;
        count++;
      }
      if (rows.length < limit) break;
      after = String(rows[rows.length - 1]!.id);
    }
    yield count ? '\n]\n' : ']\n';
  }
  return Readable.from(json());
}

/**
 * Builds the export ZIP: one JSON file per category plus README.txt, streamed through yazl with the
 * output bounded by EXPORT_MAX_BYTES. The README is written last so it can name truncated files.
 */
export async function buildExportZip(
  db: DbOrTx,
  user: { id: string; email: string },
  opts: { now?: Date; pageRows?: number; maxRows?: number; maxBytes?: number } = {},
): Promise<{ zip: Buffer; files: string[]; truncated: string[] }> {
  const subject = await exportSubject(db, user);
  const zip = new ZipFile();
  const truncated: string[] = [];
  const mtime = opts.now ?? new Date();
  const output = zip.outputStream as Readable;
  zip.on('error', (err: Error) => output.destroy(err));
  for (const category of EXPORT_CATEGORIES) {
    const stream = categoryStream(db, subject, category, {
      pageRows: opts.pageRows ?? EXPORT_PAGE_ROWS,
      maxRows: opts.maxRows ?? EXPORT_MAX_ROWS,
      onTruncated: () => truncated.push(category.file),
    });
    // A failed query fails the build (yazl itself does not listen for its sources' errors).
    stream.on('error', (err) => output.destroy(err));
    zip.addReadStream(stream, category.file, { mtime });
  }
  const maxBytes = opts.maxBytes ?? EXPORT_MAX_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  const done = new Promise<void>((resolve, reject) => {
    output.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        output.destroy(new Error(`The export exceeds ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    output.on('end', resolve);
    output.on('error', reject);
  });
  // The README goes in once the category streams have run (yazl reads entries in order).
  const readme = Readable.from(
    (async function* () {
      yield exportReadme({ email: user.email, generatedAt: mtime, truncated });
    })(),
  );
  zip.addReadStream(readme, 'README.txt', { mtime });
  zip.end();
  await done;
  return {
    zip: Buffer.concat(chunks),
    files: [...EXPORT_CATEGORIES.map((c) => c.file), 'README.txt'],
    truncated,
  };
}
