export const metadata = { title: 'Security disclosure' };

export default function SecurityPage() {
  return (
    <>
      <h1>Security and vulnerability disclosure</h1>
      <p>Found a vulnerability? Email security@levqor.dev with the steps to reproduce it. We will:</p>
      <ul>
        <li>acknowledge your report within 3 working days and keep you informed;</li>
        <li>not take legal action against good-faith research that respects these rules;</li>
        <li>credit you, if you wish, once it is fixed.</li>
      </ul>
      <p>
        Please do not access other customers' data, degrade the service, or run automated scans against
        production beyond the published rate limits.
      </p>
      <h2>What we do</h2>
      <ul>
        <li>
          API keys and link tokens stored as hashes; webhooks signed; emails and IP addresses hashed in the
          security log.
        </li>
        <li>Rate limits against brute force, counted per address — never locking a victim out.</li>
        <li>Outgoing requests of http steps cannot reach private networks.</li>
      </ul>
    </>
  );
}
