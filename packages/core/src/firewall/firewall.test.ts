import { describe, expect, it } from 'vitest';
import { compileFirewall, FirewallConfigError, firewallCategoriesFromEnv, firewallFromEnv } from './firewall';

const fw = firewallFromEnv({});
const hit = (text: string) => fw.scanText(text, 'x').map((f) => [f.category, f.term]);

/** True positives: [text, category, term named]. Case, punctuation, phrases, inflections. */
const TRUE_POSITIVES: [string, string, string][] = [
  // medical
  ['Patient diagnosis: type 2 diabetes', 'medical', 'diagnosis'],
  ['two DIAGNOSES were made', 'medical', 'diagnosis'],
  ['she was diagnosed last year', 'medical', 'diagnosis'],
  ['attach the medical record.', 'medical', 'medical record'],
  ['Medical Records (scanned)', 'medical', 'medical record'],
  ['medical-record #4411', 'medical', 'medical record'],
  ['"medical\nhistory"', 'medical', 'medical history'],
  ['upload to the EHR', 'medical', 'ehr'],
  ['HIPAA-covered entity', 'medical', 'hipaa'],
  ['prescriptions: 3', 'medical', 'prescription'],
  ['[mental health]', 'medical', 'mental health'],
  ['HIV-positive', 'medical', 'hiv'],
  ['code: ICD-10', 'medical', 'icd-10'],
  ['the patient_data table', 'medical', 'patient data'],
  ['protected health information', 'medical', 'protected health information'],
  // legal
  ['I will sue you', 'legal', 'sue'],
  ['SUE them!', 'legal', 'sue'],
  ['they sued in 2019', 'legal', 'sue'],
  ['suing is expensive', 'legal', 'sue'],
  ['(sues)', 'legal', 'sue'],
  ['a pending lawsuit', 'legal', 'lawsuit'],
  ['Lawsuits, lawsuits.', 'legal', 'lawsuit'],
  ['"litigation"', 'legal', 'litigation'],
  ['we were subpoenaed', 'legal', 'subpoena'],
  ["the plaintiff's counsel", 'legal', 'plaintiff'],
  ['the plaintiff’s counsel', 'legal', 'plaintiff'],
  ['Attorney–Client Privilege', 'legal', 'attorney-client privilege'],
  ['attorney client privilege', 'legal', 'attorney-client privilege'],
  ['a cease and desist letter', 'legal', 'cease and desist'],
  ['criminal records check', 'legal', 'criminal record'],
  ['felonies', 'legal', 'felony'],
  // financial
  ['credit card number: 4111…', 'financial', 'credit card number'],
  ['Credit-Card Number', 'financial', 'credit card number'],
  ['credit_card_number', 'financial', 'credit card number'],
  ['CREDIT CARD\tNUMBER', 'financial', 'credit card number'],
  ['social security number', 'financial', 'social security number'],
  ['Social Security Numbers.', 'financial', 'social security number'],
  ['SSN: 078-05-1120', 'financial', 'ssn'],
  ['ssn,dob', 'financial', 'ssn'],
  ['CVV?', 'financial', 'cvv'],
  ['IBAN DE89 3704 0044 0532 0130 00', 'financial', 'iban'],
  ['her bank account', 'financial', 'bank account'],
  ['bank account numbers', 'financial', 'bank account number'],
  ['filed for bankruptcy', 'financial', 'bankruptcy'],
  ['two bankruptcies', 'financial', 'bankruptcy'],
  ['tax returns 2023', 'financial', 'tax return'],
  ['credit score: 712', 'financial', 'credit score'],
  // Unicode: full-width letters, invisible characters, other scripts around the term
  ['ｓｕｅ', 'legal', 'sue'],
  ['s\u200bue', 'legal', 's\u200bue'.replace('\u200b', '')],
  ['Diagnóstico: diagnosis', 'medical', 'diagnosis'],
  ['診断 diagnosis 結果', 'medical', 'diagnosis'],
  ['«lawsuit»', 'legal', 'lawsuit'],
];

/** Known false positives of substring matching: all accepted. */
const FALSE_POSITIVES = [
  'issue',
  'Issues',
  'the issue tracker',
  'pursue',
  'pursued',
  'suede shoes',
  'tissue',
  'ensue',
  'Suez',
  'sueño',
  'lawn',
  'lawnmower',
  'flaw',
  'outlaw',
  'bankrupt-proof?',
  'embankment',
  'banking hours',
  'archive',
  'chive',
  'please be patient',
  'record the result',
  'credits remaining',
  'discard',
  'run diagnostics',
  'diagnostic logs',
  'prescriptive',
  'subscription',
  'statement of work',
  'sort codes by length',
  'classnames',
  'lesson',
  'Jessner',
  'assessment',
  'ssn2',
  'cvv2x',
  'sued2',
  'ibanez',
  'accurate',
  'ehrlich',
  'behrens',
  'hipaa2',
  'mr. plaintiffson',
  'a defendants2 column',
  'health',
  'medical',
  'legal',
  'financial',
  'card',
  'number',
];

describe('high-risk data firewall: true positives (default config: all built-in categories block)', () => {
  it.each(TRUE_POSITIVES)('%j → %s / %s', (text, category, term) => {
    expect(hit(text)[0]).toEqual([category, term]);
    expect(fw.scanText(text)[0]!.mode).toBe('block');
  });
});

describe('high-risk data firewall: false positives accepted', () => {
  it.each(FALSE_POSITIVES)('%j', (text) => {
    expect(hit(text)).toEqual([]);
  });

  it('substrings never match, even for configured short words ("law", "bank", "card", "sue")', () => {
    const probe = compileFirewall([
      { name: 'probe', mode: 'block', terms: ['law', 'bank', 'card', 'sue', 'hiv'] },
    ]);
    for (const text of FALSE_POSITIVES.filter((t) => !/^(card)$/.test(t)))
      expect(probe.scanText(text), text).toEqual([]);
    expect(probe.scanText('the LAW says').map((f) => f.term)).toEqual(['law']);
    expect(probe.scanText('two banks').map((f) => f.term)).toEqual(['bank']);
    expect(probe.scanText('gift-card').map((f) => f.term)).toEqual(['card']);
  });
});

describe('scanning values', () => {
  it('reads every string value, deep, and names where it found the term', () => {
    const r = fw.scanValue(
      { a: 1, list: ['ok', { 'odd key': ['fine', 'their SSN is …'] }], sue: 'object keys are not scanned' },
      'payload',
    );
    expect(r).toEqual({
      findings: [
        { category: 'financial', term: 'ssn', mode: 'block', path: 'payload.list[1]["odd key"][1]' },
      ],
      incomplete: false,
    });
  });

  it('stops at the depth limit and says the scan was incomplete (no recursion, no stack overflow)', () => {
    let deep: unknown = 'lawsuit';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(fw.scanValue(deep, 'payload')).toEqual({ findings: [], incomplete: true });
    let ok: unknown = 'lawsuit';
    for (let i = 0; i < 10; i++) ok = { n: ok };
    expect(fw.scanValue(ok, 'payload').findings[0]).toMatchObject({
      term: 'lawsuit',
      path: 'payload.n.n.n.n.n.n.n.n.n.n',
    });
  });

  it('ignores numbers, booleans, null', () => {
    expect(fw.scanValue([1, true, null, 2.5, { x: false }], 'p')).toEqual({
      findings: [],
      incomplete: false,
    });
  });

  it('scans a full 200 KB payload text and finds nothing in innocent words', () => {
    const text =
      'the nightly report fetches each page, summarises it and files an issue; we pursue suede samples. '.repeat(
        2_700,
      );
    expect(text.length).toBeGreaterThan(200_000);
    expect(fw.scanText(text)).toEqual([]);
    expect(fw.scanText(`${text} the lawsuit`)).not.toEqual([]);
  });
});

describe('configuration', () => {
  it('defaults: medical, legal, financial block; the minors and biometric presets are off', () => {
    const cats = Object.fromEntries(firewallCategoriesFromEnv({}).map((c) => [c.name, c.mode]));
    expect(cats).toEqual({
      medical: 'block',
      legal: 'block',
      financial: 'block',
      minors: 'off',
      biometric: 'off',
    });
    expect(fw.scanText('facial recognition of the under 13s')).toEqual([]);
  });

  it('LEVQOR_FIREWALL_MODE: a bare mode for the built-ins, category:mode pairs for any category', () => {
    const warn = firewallFromEnv({ LEVQOR_FIREWALL_MODE: 'warn' });
    expect(warn.scanText('lawsuit')[0]).toMatchObject({ mode: 'warn', category: 'legal' });
    const mixed = firewallFromEnv({ LEVQOR_FIREWALL_MODE: 'medical:warn, legal=off, minors:block' });
    expect(mixed.scanText('diagnosis')[0]!.mode).toBe('warn');
    expect(mixed.scanText('lawsuit')).toEqual([]);
    expect(mixed.scanText('SSN')[0]!.mode).toBe('block');
    expect(mixed.scanText('parental consent form')[0]).toMatchObject({ category: 'minors', mode: 'block' });
    expect(firewallFromEnv({ LEVQOR_FIREWALL_MODE: 'off' }).scanText('lawsuit SSN diagnosis')).toEqual([]);
  });

  it('LEVQOR_FIREWALL_CATEGORIES adds categories, enables presets and extends built-ins', () => {
    const env = {
      LEVQOR_FIREWALL_CATEGORIES: JSON.stringify({
        minors: { mode: 'block', terms: ['kindergarten roster'] },
        biometric: { mode: 'warn' },
        weapons: { terms: ['firearm|firearms', 'ammunition'] },
        legal: { terms: ['notarised'] },
      }),
    };
    const f = firewallFromEnv(env);
    expect(f.scanText('the Kindergarten Roster')[0]).toMatchObject({ category: 'minors', mode: 'block' });
    expect(f.scanText('underage users')[0]).toMatchObject({ category: 'minors', term: 'underage' });
    expect(f.scanText('face scans')[0]).toMatchObject({
      category: 'biometric',
      mode: 'warn',
      term: 'face scan',
    });
    expect(f.scanText('Firearms')[0]).toMatchObject({ category: 'weapons', mode: 'block', term: 'firearm' });
    expect(f.scanText('notarised copy')[0]).toMatchObject({ category: 'legal', term: 'notarised' });
    // The mode pair beats the JSON mode.
    const g = firewallFromEnv({ ...env, LEVQOR_FIREWALL_MODE: 'weapons:warn' });
    expect(g.scanText('ammunition')[0]!.mode).toBe('warn');
  });

  it('misconfiguration throws (never fails open)', () => {
    expect(() => firewallCategoriesFromEnv({ LEVQOR_FIREWALL_CATEGORIES: '{nope' })).toThrow(
      FirewallConfigError,
    );
    expect(() => firewallCategoriesFromEnv({ LEVQOR_FIREWALL_CATEGORIES: '{"x":{"mode":"maybe"}}' })).toThrow(
      /LEVQOR_FIREWALL_CATEGORIES/,
    );
    expect(() => firewallCategoriesFromEnv({ LEVQOR_FIREWALL_CATEGORIES: '{"x":{}}' })).toThrow(
      /needs "terms"/,
    );
    expect(() => firewallCategoriesFromEnv({ LEVQOR_FIREWALL_MODE: 'loud' })).toThrow(/LEVQOR_FIREWALL_MODE/);
    expect(() => firewallCategoriesFromEnv({ LEVQOR_FIREWALL_MODE: 'medicla:warn' })).toThrow(
      /unknown category/,
    );
  });
});
