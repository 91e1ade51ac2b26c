export const metadata = { title: 'AI disclosure' };

export default function AiDisclosurePage() {
  return (
    <>
      <h1>AI disclosure</h1>
      <ul>
        <li>
          Levqor runs the <code>ai</code> steps you put in your workflows: it sends the prompt your step
          builds to the OpenAI-compatible model endpoint the deployment configures, with the model your
          workflow names, and records the response, its token counts and its cost as the step's output.
        </li>
        <li>
          Levqor does not train models on your data and does not send your data to a model unless a step of
          yours does.
        </li>
        <li>
          Model output can be wrong. Check it before acting on it, especially where people are affected;
          Levqor makes no decisions about people by itself.
        </li>
        <li>
          Before a job runs, a firewall screens its input for high-risk personal data (see the high-risk data
          page) and refuses it by default.
        </li>
        <li>
          The intelligence reports for owners (anomalies, growth, pricing recommendations) are computed from
          usage figures; any user can object to this profiling in Settings → Privacy.
        </li>
      </ul>
    </>
  );
}
