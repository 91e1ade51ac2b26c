import { NotFoundPage } from '@levqor/app-kit/not-found-page';

export const metadata = { title: 'Page not found' };

export default function NotFound() {
  return <NotFoundPage home="/dashboard" homeLabel="Go to the dashboard" />;
}
