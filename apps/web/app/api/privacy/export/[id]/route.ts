export { exportDownloadHandler as POST } from '@levqor/app-kit/privacy/export-download-route';

export const dynamic = 'force-dynamic';
