import { DetailNotFound } from '~/components/detail-not-found';

export default function JobNotFound() {
  return <DetailNotFound noun="job" listHref="/dashboard/jobs" />;
}
