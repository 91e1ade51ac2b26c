import { notionSettings } from '@levqor/config';
import { Client } from '@notionhq/client';
import { reportSections, reportTitle } from './render-report-pdf';
import type { ReportFigures } from './report-figures';

type Block = Parameters<Client['pages']['create']>[0]['children'] extends (infer B)[] | undefined ? B : never;

const richText = (content: string) => [{ type: 'text' as const, text: { content: content.slice(0, 2000) } }];

/** Notion accepts at most 100 blocks per request. */
const MAX_BLOCKS = 100;

/** The page body: a heading per section, a bullet per line. */
export function notionBlocks(f: ReportFigures): Block[] {
  const blocks: Block[] = [];
  for (const s of reportSections(f)) {
    blocks.push({
      object: 'block',
      type: 'heading_2',
      heading_2: { rich_text: richText(s.heading) },
    } as Block);
    for (const line of s.lines)
      blocks.push({
        object: 'block',
        type: 'bulleted_list_item',
        bulleted_list_item: { rich_text: richText(line.trim()) },
      } as Block);
  }
  return blocks.slice(0, MAX_BLOCKS);
}

/**
 * Publishes the weekly report as a page of the Notion database NOTION_DATABASE_ID (with NOTION_TOKEN;
 * NOTION_API_BASE only for a local fake, refused in production). Finds the database's data source and
 * its title property, then creates the page. Returns the page id, or null when Notion is not configured.
 */
export async function publishReportToNotion(
  f: ReportFigures,
  env: Record<string, string | undefined> = process.env,
): Promise<string | null> {
  const settings = notionSettings(env);
  if (!settings) return null;
  const notion = new Client({ auth: settings.token, baseUrl: settings.baseUrl, timeoutMs: 15_000 });
  const database = (await notion.databases.retrieve({ database_id: settings.databaseId })) as {
    data_sources?: { id: string }[];
  };
  const dataSourceId = database.data_sources?.[0]?.id;
  if (!dataSourceId)
    throw new Error(`Notion database ${settings.databaseId} has no data source to add pages to`);
  const source = (await notion.dataSources.retrieve({ data_source_id: dataSourceId })) as {
    properties?: Record<string, { type: string }>;
  };
  const titleProperty =
    Object.entries(source.properties ?? {}).find(([, p]) => p.type === 'title')?.[0] ?? 'Name';
  const page = await notion.pages.create({
    parent: { type: 'data_source_id', data_source_id: dataSourceId },
    properties: { [titleProperty]: { title: richText(reportTitle('weekly', f)) } },
    children: notionBlocks(f),
  });
  return page.id;
}
