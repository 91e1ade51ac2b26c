export { getDevMail, listDevMail, type MailboxPage } from './dev-mailbox';
export { assertMayMail, type MailPurpose, MailRefusedError } from './mail-purpose';
export { EmailNotConfiguredError, type OutgoingEmail, type SentEmail, sendEmail } from './send-email';
export { BillingNoticeEmail, type BillingNoticeEmailProps } from './templates/billing-notice';
export { MagicLinkEmail, magicLinkSubject } from './templates/magic-link';
export { NoticeEmail } from './templates/notice';
export { PrivacyEmail, type PrivacyEmailProps } from './templates/privacy';
export { ReportEmail, type ReportEmailProps } from './templates/report';
