export const metadata = { title: 'Service level agreement' };

export default function SlaPage() {
  return (
    <>
      <h1>Service level agreement</h1>
      <p>
        Levqor aims for 99.5% monthly availability of the dashboard and the REST API, measured from the health
        checks it records every minute.
      </p>
      <table>
        <thead>
          <tr>
            <th>Monthly availability</th>
            <th>Service credit</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>below 99.5%</td>
            <td>10% of the month's fee</td>
          </tr>
          <tr>
            <td>below 99.0%</td>
            <td>25%</td>
          </tr>
          <tr>
            <td>below 95.0%</td>
            <td>50%</td>
          </tr>
        </tbody>
      </table>
      <p>
        Claims must be made within 30 days of the end of the month concerned; administrators decide each
        claim.
      </p>
    </>
  );
}
