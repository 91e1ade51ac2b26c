import { Badge } from '@levqor/ui';
import type { Issue } from '../api-error';

const field = (v: unknown, key: string) =>
  v && typeof v === 'object' && key in v ? (v as Record<string, unknown>)[key] : undefined;

/** "timeout_ms: must be…", unless the message already starts with the field's name. */
function IssueText({ issue }: { issue: Issue }) {
  const where = issue.path.slice(1).join('.');
  if (!where || issue.message.startsWith(String(issue.path[issue.path.length - 1])))
    return <>{issue.message}</>;
  return (
    <>
      <code>{where}</code>: {issue.message}
    </>
  );
}

/** One line per step (position, id, type) with the server's messages for that step beneath it. */
export function StepOutline({ steps, issues }: { steps: unknown[]; issues: Issue[] }) {
  const listIssues = issues.filter((i) => typeof i.path[0] !== 'number');
  return (
    <div className="stack" style={{ gap: 8 }}>
      {listIssues.length > 0 && (
        <ul className="issue-list" role="alert">
          {listIssues.map((i) => (
            <li key={`${i.path.join('.')}:${i.message}`}>{i.message}</li>
          ))}
        </ul>
      )}
      <ol className="step-outline" aria-label="Steps">
        {steps.map((step, index) => {
          const mine = issues.filter((i) => i.path[0] === index);
          const id = field(step, 'id');
          const type = field(step, 'type');
          return (
            <li key={index} data-invalid={mine.length > 0} data-testid={`step-outline-${index}`}>
              <span className="faint">#{index + 1}</span>{' '}
              <strong>{typeof id === 'string' ? id : '(no id)'}</strong>{' '}
              <Badge>{typeof type === 'string' ? type : 'no type'}</Badge>
              {mine.length > 0 && (
                <ul className="issue-list" role="alert">
                  {mine.map((i) => (
                    <li key={`${i.path.join('.')}:${i.message}`}>
                      <IssueText issue={i} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
