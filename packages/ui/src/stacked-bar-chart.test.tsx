import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StackedBarChart } from './stacked-bar-chart';

const DATA: Record<string, number> = { 'd1|a': 30, 'd1|b': 10, 'd2|b': 20 };

function render(value: (c: string, s: string) => number) {
  return renderToStaticMarkup(
    <StackedBarChart
      label="Requests"
      categories={[
        { id: 'd1', label: '01' },
        { id: 'd2', label: '02' },
        { id: 'd3', label: '03' },
      ]}
      series={[
        { id: 'a', label: 'Key A' },
        { id: 'b', label: 'Key B' },
      ]}
      value={value}
      formatValue={String}
      emptyLabel="No requests"
    />,
  );
}

const rects = (svg: string) =>
  [...svg.matchAll(/<rect class="(series-\d)" x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)"/g)].map(
    (m) => ({ cls: m[1], y: Number(m[2]), h: Number(m[3]) }),
  );

describe('StackedBarChart', () => {
  it('stacks one segment per non-zero value, coloured by series, on a round scale, with a legend', () => {
    const svg = render((c, s) => DATA[`${c}|${s}`] ?? 0);
    const bars = rects(svg);
    expect(bars.map((b) => b.cls)).toEqual(['series-0', 'series-1', 'series-1']);
    // Scale 0–50: 30 and 10 stack to 40 of 50; the second segment sits right on top of the first.
    const [a, b, c] = bars;
    expect(b!.y + b!.h).toBeCloseTo(a!.y, 6);
    expect(a!.h / b!.h).toBeCloseTo(3, 6);
    expect(c!.h / b!.h).toBeCloseTo(2, 6);
    expect(svg).toContain('>50</text>');
    expect(svg).toContain('<title>01 · Key A: 30</title>');
    expect(svg).toContain('Key B</li>');
    expect(svg).not.toContain('No requests');
  });

  it('says so when there is nothing to draw', () => {
    const svg = render(() => 0);
    expect(rects(svg)).toEqual([]);
    expect(svg).toContain('No requests');
  });
});
