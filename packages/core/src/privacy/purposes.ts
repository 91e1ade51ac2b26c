import { privacyPurpose } from '@levqor/db';
import { z } from 'zod';

export const PRIVACY_PURPOSES = privacyPurpose.enumValues;
export type PrivacyPurpose = (typeof PRIVACY_PURPOSES)[number];
export const ZPrivacyPurpose = z.enum(PRIVACY_PURPOSES);

/** What each purpose covers, in the words the settings page and the API document use. */
export const PURPOSE_LABELS: Record<PrivacyPurpose, string> = {
  marketing: 'Marketing email about Levqor products and offers',
  profiling:
    'Profiling: the intelligence reports (anomalies, growth, pricing recommendations) using your data',
  analytics: "Levqor's own first-party analytics (page views and product events)",
  product_email: 'Product email that is not strictly needed (tips, summaries)',
  all: 'All of the above',
};
