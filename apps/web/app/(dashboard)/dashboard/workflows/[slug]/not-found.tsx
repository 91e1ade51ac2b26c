import { DetailNotFound } from '~/components/detail-not-found';

export default function WorkflowNotFound() {
  return <DetailNotFound noun="workflow" listHref="/dashboard/workflows" />;
}
