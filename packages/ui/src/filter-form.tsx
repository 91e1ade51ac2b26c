import Link from 'next/link';
import { buttonClass, Input } from './components';
import { Select } from './form-controls';

export interface FilterField {
  name: string;
  /** The field's accessible name. */
  label: string;
  placeholder?: string;
  type?: 'text' | 'search' | 'date' | 'datetime-local';
  defaultValue?: string;
  /** A select instead of a text box; the first option is usually "Any …" with value ''. */
  options?: { value: string; label: string }[];
  /** Inline style of the control (e.g. a wider search box). */
  style?: React.CSSProperties;
}

/**
 * A list page's filters: a GET form (the filters live in the URL, so a filtered page can be linked and
 * reloaded), one control per field, the submit button and — when any filter is set — a link clearing them.
 */
export function FilterForm({
  action,
  fields,
  submitLabel = 'Filter',
  clearHref,
  testId,
}: {
  action: string;
  fields: FilterField[];
  submitLabel?: string;
  /** Shown as "Clear" when set (pass it only while a filter is applied). */
  clearHref?: string | null;
  testId?: string;
}) {
  return (
    <search>
      <form className="row" style={{ flexWrap: 'wrap' }} action={action} method="get" data-testid={testId}>
        {fields.map((f) =>
          f.options ? (
            <Select
              key={f.name}
              name={f.name}
              defaultValue={f.defaultValue ?? ''}
              aria-label={f.label}
              style={f.style}
            >
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          ) : (
            <Input
              key={f.name}
              name={f.name}
              type={f.type ?? 'text'}
              placeholder={f.placeholder}
              defaultValue={f.defaultValue ?? ''}
              aria-label={f.label}
              style={f.style}
            />
          ),
        )}
        <button className={buttonClass('secondary')} type="submit">
          {submitLabel}
        </button>
        {clearHref && (
          <Link prefetch={false} href={clearHref}>
            Clear
          </Link>
        )}
      </form>
    </search>
  );
}

/** Links between the pages of a server-rendered list: back to the first or previous page, on to the next. */
export function PageLinks({
  firstHref,
  previousHref,
  nextHref,
}: {
  firstHref?: string | null;
  previousHref?: string | null;
  nextHref?: string | null;
}) {
  if (!firstHref && !previousHref && !nextHref) return null;
  return (
    <nav className="row" aria-label="Pages">
      {firstHref && (
        <Link prefetch={false} href={firstHref}>
          ← First page
        </Link>
      )}
      {previousHref && (
        <Link prefetch={false} href={previousHref}>
          ← Previous page
        </Link>
      )}
      {nextHref && (
        <Link prefetch={false} href={nextHref}>
          Next page →
        </Link>
      )}
    </nav>
  );
}
