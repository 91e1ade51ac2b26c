import { z } from 'zod';

type Issue = Parameters<NonNullable<z.core.$ZodConfig['customError']>>[0];

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object ({ "key": value, … })',
  bigint: 'a whole number',
  date: 'a date',
  null: 'null',
};

const FORMAT_NAMES: Record<string, string> = {
  email: 'an email address, like you@company.com',
  url: 'a URL, like https://example.com',
  uuid: 'a UUID',
  datetime: 'a date and time, like 2026-01-31T14:05:00Z',
  date: 'a date, like 2026-01-31',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
};

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));
const plural = (n: number | bigint, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;

function sizeOf(origin: string, n: number | bigint): string | null {
  if (origin === 'string') return plural(n, 'character', 'characters');
  if (origin === 'array' || origin === 'set') return plural(n, 'item', 'items');
  if (origin === 'map' || origin === 'record') return plural(n, 'entry', 'entries');
  return null;
}

/**
 * Validation messages in plain words, for every schema that does not bring its own: "Required" instead
 * of "Invalid input: expected string, received undefined", "Must be at most 100 characters" instead of
 * "Too big: expected string to have <=100 characters". Undefined keeps Zod's default (custom checks
 * always bring their own message).
 */
export function plainMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'Required';
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const got = issue.input === null ? 'null' : Array.isArray(issue.input) ? 'a list' : typeof issue.input;
      return `Must be ${expected}, not ${TYPE_NAMES[got] ?? got}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `Must be ${show(issue.values[0])}`
        : `Must be one of ${issue.values.map(show).join(', ')}`;
    case 'too_small': {
      const size = sizeOf(issue.origin, issue.minimum);
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'Required: cannot be empty';
      if (size) return `Must have at least ${size}`;
      return issue.inclusive ? `Must be at least ${issue.minimum}` : `Must be more than ${issue.minimum}`;
    }
    case 'too_big': {
      const size = sizeOf(issue.origin, issue.maximum);
      if (size) return `Must have at most ${size}`;
      return issue.inclusive ? `Must be at most ${issue.maximum}` : `Must be less than ${issue.maximum}`;
    }
    case 'invalid_format':
      if (issue.format === 'regex') return 'Has the wrong format';
      if (issue.format === 'starts_with') return `Must start with "${issue.prefix}"`;
      if (issue.format === 'ends_with') return `Must end with "${issue.suffix}"`;
      if (issue.format === 'includes') return `Must contain "${issue.includes}"`;
      return `Must be ${FORMAT_NAMES[issue.format] ?? `a valid ${issue.format}`}`;
    case 'not_multiple_of':
      return `Must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `Unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map(show).join(', ')}`;
    case 'invalid_union':
      return 'Does not match any of the accepted forms';
    case 'invalid_key':
      return 'Has an invalid key';
    case 'invalid_element':
      return 'Has an invalid entry';
    default:
      return undefined;
  }
}

/** Installs `plainMessage` for every Zod schema in this process (schema-specific messages still win). */
export function usePlainValidationMessages(): void {
  z.config({ customError: plainMessage });
}

usePlainValidationMessages();
