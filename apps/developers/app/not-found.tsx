import { NotFoundPage } from '@levqor/app-kit/not-found-page';

export const metadata = { title: 'Page not found' };

export default function NotFound() {
  return <NotFoundPage home="/" homeLabel="Go to the developer portal" />;
}
