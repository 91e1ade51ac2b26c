import { PLANS } from '@levqor/core';
import Link from 'next/link';

export const metadata = { title: 'Data processing agreement' };

export default function DpaPage() {
  return (
    <>
      <h1>Data processing agreement (summary)</h1>
      <p>
        When your workflows process personal data of your own customers, you are the controller and Levqor
        processes it on your behalf (Art. 28 GDPR). Levqor:
      </p>
      <ul>
        <li>processes job data only to run your workflows as you define them, and for no other purpose;</li>
        <li>
          clears a finished job's data (its payload, result and its steps' inputs and outputs) after your
          plan's retention period —{' '}
          {Object.values(PLANS)
            .map((p) => `${p.name} ${p.jobDataRetentionDays} days`)
            .join(', ')}{' '}
          — keeping only its status, timing and cost with the billing records, and deletes the rest when you
          delete your data;
        </li>
        <li>
          uses the subprocessors <Link href="/subprocessors">listed here</Link> and announces changes on that
          page;
        </li>
        <li>
          stores API keys as hashes only, signs webhooks, hashes IP addresses and emails in its security log,
          and limits the rate of requests;
        </li>
        <li>
          helps you answer data-subject requests: exports per user and deletion with a record of each step;
        </li>
        <li>notifies you without undue delay of a personal data breach affecting your data.</li>
      </ul>
      <p>For a signed copy, write to privacy@levqor.dev.</p>
    </>
  );
}
