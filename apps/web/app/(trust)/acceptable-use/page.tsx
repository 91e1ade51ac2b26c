import Link from 'next/link';

export const metadata = { title: 'Acceptable use' };

export default function AcceptableUsePage() {
  return (
    <>
      <h1>Acceptable use policy</h1>
      <p>Do not use Levqor to:</p>
      <ul>
        <li>
          process the <Link href="/high-risk-data">high-risk categories of personal data</Link> the firewall
          refuses, unless your deployment's operator switched a category to warn or off and you have a legal
          basis;
        </li>
        <li>send spam or marketing email to people who did not consent;</li>
        <li>attack, scan or overload systems you do not own (http steps cannot reach private networks);</li>
        <li>evade rate limits, budgets or the firewall, or share API keys outside your organisation;</li>
        <li>
          make decisions with legal or similarly significant effects about people solely from model output.
        </li>
      </ul>
      <p>We may suspend workspaces that break this policy. Report abuse to security@levqor.dev.</p>
    </>
  );
}
