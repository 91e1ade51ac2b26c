import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type Column, DataTable } from './data-table';

interface Row {
  id: string;
  name: string;
  count: number;
}

const columns: Column<Row>[] = [
  { header: 'Name', cell: (r) => r.name, href: (r) => `/rows/${r.id}` },
  { header: 'Count', numeric: true, cell: (r) => r.count },
  { header: 'Actions', hideHeader: true, cell: (r) => <button type="button">Edit {r.name}</button> },
];

const render = (props: Partial<Parameters<typeof DataTable<Row>>[0]>) =>
  renderToStaticMarkup(
    <DataTable<Row>
      label="Things"
      empty="No things yet"
      rows={[]}
      columns={columns}
      rowKey={(r) => r.id}
      {...props}
    />,
  );

describe('DataTable', () => {
  const rows = [
    { id: 'a', name: 'Alpha', count: 3 },
    { id: 'b', name: 'Beta', count: 12 },
  ];

  it('names the table and its scroll box, and scopes each header to its column', () => {
    const html = render({ rows, testId: 'things' });
    expect(html).toContain('<table class="table" data-testid="things" aria-label="Things">');
    expect(html).toContain('aria-label="Things (scrolls sideways)"');
    expect(html.match(/<th scope="col"/g)).toHaveLength(3);
  });

  it('right-aligns numeric columns (header and cells) and hides an action header from sight only', () => {
    const html = render({ rows });
    expect(html).toContain('<th scope="col" class="num">Count</th>');
    expect(html).toContain('<td class="num">12</td>');
    expect(html).toContain('<th scope="col"><span class="sr-only">Actions</span></th>');
  });

  it('links cells with an href and gives each row its test id', () => {
    const html = render({ rows, rowTestId: (r) => `thing-${r.id}` });
    expect(html).toContain('<tr data-testid="thing-b">');
    expect(html).toMatch(/<a href="\/rows\/a"[^>]*>Alpha<\/a>/);
    expect(html).toContain('Edit Beta');
  });

  it('is compact on request and drops the header row when headless', () => {
    const html = render({ rows, compact: true, headless: true });
    expect(html).toContain('class="table table-compact"');
    expect(html).not.toContain('<thead>');
  });

  it('shows the empty state (with its detail, in a card when framed) and no table when there are no rows', () => {
    const html = render({ framed: true, emptyDetail: <p>Nothing has happened.</p> });
    expect(html).not.toContain('<table');
    expect(html).toBe(
      '<div class="card"><div class="empty"><h3>No things yet</h3><p>Nothing has happened.</p></div></div>',
    );
  });
});
