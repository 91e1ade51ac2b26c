export const metadata = { title: 'Subprocessors' };

const SUBPROCESSORS = [
  ['Hosting and PostgreSQL provider of the deployment', 'All data Levqor stores', 'Region of the deployment'],
  ['Resend', 'Email delivery: recipient address and message', 'United States'],
  ['Stripe', 'Payments: billing details of paid plans', 'United States / Ireland'],
  ['The AI model provider configured for ai steps', 'Prompts your workflows send', 'Per provider'],
  ['Sentry (only when enabled)', 'Error reports, scrubbed of personal data', 'United States / Germany'],
] as const;

export default function SubprocessorsPage() {
  return (
    <>
      <h1>Subprocessors</h1>
      <table>
        <thead>
          <tr>
            <th>Who</th>
            <th>What they receive</th>
            <th>Where</th>
          </tr>
        </thead>
        <tbody>
          {SUBPROCESSORS.map(([who, what, where]) => (
            <tr key={who}>
              <td>{who}</td>
              <td>{what}</td>
              <td>{where}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
