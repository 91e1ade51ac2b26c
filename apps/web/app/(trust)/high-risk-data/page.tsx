import { BUILT_IN_CATEGORIES, PRESET_CATEGORIES } from '@levqor/core';

export const metadata = { title: 'High-risk data' };

/** Generated from the firewall's own term lists (packages/core/src/firewall/terms.ts): it cannot drift. */
const display = (term: string) => term.split('|')[0];

export default function HighRiskDataPage() {
  return (
    <>
      <h1>High-risk data</h1>
      <p>
        Before a job runs, Levqor screens its input for these terms (whole words, plurals included, hyphens
        and spaces alike). By default a match refuses the job with 422 and names the category and the term; an
        operator can set a category to warn or off with <code>LEVQOR_FIREWALL_MODE</code>.
      </p>
      <h2>On by default (block)</h2>
      {Object.entries(BUILT_IN_CATEGORIES).map(([name, terms]) => (
        <section key={name}>
          <h3>{name}</h3>
          <p>{terms.map(display).join(', ')}</p>
        </section>
      ))}
      <h2>Available presets (off unless enabled)</h2>
      {Object.entries(PRESET_CATEGORIES).map(([name, terms]) => (
        <section key={name}>
          <h3>{name}</h3>
          <p>{terms.map(display).join(', ')}</p>
        </section>
      ))}
    </>
  );
}
