export { applyRetention, RETENTION_BATCH, type RetentionFigures } from './apply-retention';
export { buildExportZip, EXPORT_MAX_ROWS } from './build-export';
export {
  CONSENT_COOKIE,
  CONSENT_COOKIE_MAX_AGE_S,
  COOKIE_CATEGORIES,
  COOKIE_WORDING,
  type CookieChoice,
  formatConsentCookie,
  parseConsentCookie,
  recordAnalyticsEvent,
  recordCookieConsent,
  ZAnalyticsEvent,
  ZCookieChoice,
} from './cookie-consent';
export {
  CODE_MAX_ATTEMPTS,
  CODE_TTL_MS,
  redeemExportDownload,
  sendDownloadCode,
  ZDownloadCode,
} from './download-export';
export { dueErasures, type ErasureOutcome, eraseUser } from './erase-user';
export { keySubject } from './key-subject';
export {
  API_KEY_ACCEPTANCE_GRACE_MS,
  acceptLegalDocuments,
  assertOwnerAcceptedTerms,
  createTermsGate,
  currentLegalDocuments,
  LEGAL_KINDS,
  type LegalKind,
  type PublishLegalInput,
  pendingLegalDocuments,
  publishLegalDocument,
  ZPublishLegalInput,
} from './legal-terms';
export {
  createObjection,
  listObjections,
  type ObjectionInput,
  type ObjectionResource,
  withdrawObjection,
  ZObjectionInput,
  ZObjectionResource,
} from './manage-objections';
export {
  type ConsentContext,
  confirmMarketing,
  MARKETING_WORDING,
  marketingStatus,
  OPT_IN_TTL_MS,
  sendMarketingEmail,
  subscribeMarketing,
  unsubscribeAddress,
  unsubscribeMarketing,
  unsubscribePageUrl,
  unsubscribeUrl,
} from './marketing';
export { mayProcess, objectorsAmong } from './may-process';
export { PRIVACY_PURPOSES, type PrivacyPurpose, PURPOSE_LABELS, ZPrivacyPurpose } from './purposes';
export { cancelErasure, confirmErasure, ERASURE_COOLING_OFF_MS, requestErasure } from './request-erasure';
export {
  EXPORT_REQUESTS_PER_DAY,
  listPrivacyRequests,
  listPrivacyRequestsByDeadline,
  requestExport,
} from './request-export';
export { oneMonthAfter } from './request-trail';
export { DAY_MS, RETENTION, type RetentionKey, retentionPeriod } from './retention';
export { buildExport, deliverExport, EXPORT_ATTACHMENT_MAX_BYTES } from './run-export';
export { hashToken, signAddress, verifyAddress } from './tokens';
