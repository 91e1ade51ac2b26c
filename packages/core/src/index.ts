// Plain-words validation messages for every schema (see validation/plain-messages.ts).
import './validation/plain-messages';

export * from './admin';
export { type ApiKeyResource, toApiKeyResource, ZApiKeyResource } from './api-keys/api-key-resource';
export { generateKey, hashKey, isWellFormedKey } from './api-keys/key-format';
export {
  API_KEY_CHANNEL,
  apiKeyLimits,
  type CreateApiKeyInput,
  type CreatedApiKey,
  createApiKey,
  GRACE_PERIODS,
  listApiKeys,
  revokeApiKey,
  rotateApiKey,
  ZCreateApiKeyInput,
  ZRotateApiKeyInput,
} from './api-keys/manage-api-keys';
export { maxKeyRateLimit } from './api-keys/max-key-rate-limit';
export { API_SCOPES, type ApiScope, ZApiScope } from './api-keys/scopes';
export { type ApiKeyPrincipal, type ApiKeyVerifier, createApiKeyVerifier } from './api-keys/verify-api-key';
export {
  createRequestLog,
  getApiUsage,
  type RequestLog,
  type RequestLogEntry,
} from './api-usage/request-log';
export { recordAudit } from './audit/record-audit';
export { applySubscription, workspaceOfCustomer } from './billing/apply-subscription';
export { noticeExists, recordNoticeOnce, sendBillingNoticeOnce } from './billing/billing-notices';
export {
  BUDGET_ALERT_THRESHOLDS,
  budgetAlertKey,
  forecastSentence,
  sendBudgetAlerts,
  workspacesNearBudget,
} from './billing/budget-alerts';
export {
  cancelSubscription,
  listInvoices,
  openBillingPortal,
  type StartCheckoutInput,
  startCheckout,
  ZStartCheckoutInput,
} from './billing/checkout';
export { checkoutLimitPerMin, limitCheckoutStarts } from './billing/checkout-limit';
export {
  billingPageUrl,
  billingPortalUrl,
  dunningSchedule,
  runDunning,
  UNPAID_REASON,
} from './billing/dunning';
export { type BillingStatus, getBillingStatus } from './billing/get-billing-status';
export {
  intakeBudgetUnits,
  METER_SETTLE_DELAY_MS,
  meterEventName,
  meteredShares,
  type OverageReport,
  overageCentsOn,
  overageShares,
  reportOverage,
  workspacesOverIncluded,
} from './billing/overage';
export {
  checkoutPriceId,
  createPlanPrice,
  planOfPrice,
  storedPlanPrices,
  subscriptionMonthlyCents,
} from './billing/plan-prices';
export {
  effectiveBudgetCents,
  PAID_PLANS,
  type PaidPlan,
  PLAN_IDS,
  PLANS,
  type Plan,
  planOf,
  type WorkspacePlan,
} from './billing/plans';
export { describePlan, type SetPlanInput, setWorkspacePlan, ZSetPlanInput } from './billing/set-plan';
export { createStripeClient, STRIPE_STANDIN, type Stripe, verifyStripeEvent } from './billing/stripe-client';
export { processStripeEvent, receiveStripeEvent, type StripeEventDeps } from './billing/stripe-events';
export { billedRevenue, subscriptionRevenue } from './billing/subscription-revenue';
export {
  accountSuspended,
  restoreWorkspace,
  type Suspension,
  type SuspensionInput,
  type SuspensionOptions,
  suspendWorkspace,
  suspensionOf,
  ZSuspensionInput,
} from './billing/suspension';
export { type SyncReport, syncSubscriptions } from './billing/sync-subscriptions';
export {
  BUDGET_STATES,
  type BudgetState,
  type BudgetStateName,
  describeBudget,
  NEAR_BUDGET_RATIO,
  ZBudgetState,
} from './dashboard/budget-state';
export { type DashboardOverview, getDashboardOverview, ZDashboardOverview } from './dashboard/get-overview';
export {
  FORECAST_TRAILING_DAYS,
  getBudgetState,
  getSpendForecast,
  type SpendForecast,
  ZSpendForecast,
} from './dashboard/get-spend-forecast';
export {
  DOMAIN_REASONS,
  DomainError,
  type DomainErrorCode,
  type DomainReason,
  notFound,
  PROBLEM_TYPE_BASE,
} from './errors';
export * from './events/events';
export { BUILT_IN_CATEGORIES, PRESET_CATEGORIES } from './firewall/terms';
export {
  checkReadiness,
  type Readiness,
  type ReadinessOptions,
  WORKER_STALE_MS,
} from './health/check-readiness';
export {
  type AlertMessage,
  alertText,
  type ChannelResult,
  sendToChannel,
  slackPayload,
} from './intelligence/alerts/alert-channels';
export {
  ALERT_CONDITIONS,
  ALERT_SEVERITIES,
  type AlertChannel,
  type CreateAlertRuleInput,
  createAlertRule,
  inQuietHours,
  listAlertRules,
  type QuietHours,
  toAlertRuleResource,
  ZAlertChannel,
  ZCreateAlertRuleInput,
  ZQuietHours,
} from './intelligence/alerts/alert-rule';
export { type DispatchResult, dispatchAlerts } from './intelligence/alerts/dispatch-alerts';
export { evaluateAlertRules } from './intelligence/alerts/evaluate-alerts';
export {
  type EventRule,
  ensureEventRule,
  hasUnresolvedEventAlert,
  raiseEventAlert,
  resolveEventAlert,
} from './intelligence/alerts/event-alerts';
export {
  ALERT_STATUSES,
  acknowledgeAlert,
  type ListAlertsInput,
  listAlerts,
  resolveAlert,
  toAlertResource,
  ZAlertIdInput,
  ZListAlertsInput,
} from './intelligence/alerts/manage-alerts';
export {
  acknowledgeWorkspaceAlert,
  BUDGET_THRESHOLDS,
  checkBudgetAlerts,
  ensureRulesForFailingWorkspaces,
  ensureWorkspaceAlertRules,
  FAILURE_SPIKE,
  getWorkspaceAlertSettings,
  listWorkspaceAlerts,
  setWorkspaceAlertChannel,
  setWorkspaceFailureThreshold,
  type WorkspaceAlertChannel,
  ZWorkspaceAlertChannel,
  ZWorkspaceAlertsInput,
  ZWorkspaceFailureThreshold,
} from './intelligence/alerts/workspace-alerts';
export { BUCKET_MS, bucketOf, closedBuckets } from './intelligence/buckets';
export { computeRollup, QUEUE_DEPTH_HORIZON, rollupRecent } from './intelligence/compute-rollups';
export {
  computeDailyLedger,
  DEFAULT_UNIT_COSTS,
  NO_REVENUE,
  type RevenueSource,
  type UnitCosts,
} from './intelligence/daily-ledger';
export { detectAnomalies, MIN_DEVIATION, type StoredAnomaly } from './intelligence/detect-anomalies';
export {
  type AnomalyOptions,
  type AnomalyVerdict,
  baselineFor,
  DEFAULT_ANOMALY_OPTIONS,
  detectPoint,
  explainAnomaly,
  judgePoint,
  type SeriesPoint,
} from './intelligence/detect-anomaly';
export {
  type CohortRow,
  cohortRetention,
  type FunnelStep,
  growthFunnel,
  ZCohortInput,
  ZGrowthInput,
} from './intelligence/growth/growth';
export { type MarginByPlan, marginByPlan, type PlanMargin } from './intelligence/margin-by-plan';
export {
  formatMetricValue,
  isMetricKey,
  METRIC_KEYS,
  METRICS,
  type MetricKey,
  metricLabel,
  PLATFORM_SCOPE,
} from './intelligence/metrics';
export {
  ALLOW_ALL,
  objectingUsers,
  objectingWorkspaces,
  type ProcessingGate,
  type ProcessingPurpose,
  privacyGate,
} from './intelligence/processing-gate';
export { type ReadSeriesInput, readSeries, ZReadSeriesInput } from './intelligence/read-series';
export {
  AUTOSCALE_P95_HIGH_MS,
  concurrencyFor,
  MAX_WORKER_CONCURRENCY,
  MIN_WORKER_CONCURRENCY,
} from './intelligence/recommendations/autoscale';
export { discountFor, TARGET_CONVERSION } from './intelligence/recommendations/discounts';
export {
  applyRecommendation,
  type ComputeRecommendationsOptions,
  computeRecommendations,
  dismissRecommendation,
  listRecommendations,
  type RecommendationResource,
  ZDecideRecommendationInput,
  ZListRecommendationsInput,
} from './intelligence/recommendations/manage-recommendations';
export { PRICING_TARGET_MARGIN, priceFor } from './intelligence/recommendations/pricing';
export {
  flaggedWorkerConcurrency,
  setWorkerConcurrencyFlag,
  WORKER_CONCURRENCY_FLAG,
} from './intelligence/recommendations/worker-concurrency';
export { publishReportToNotion } from './intelligence/reports/publish-to-notion';
export { renderReportPdf, reportTitle } from './intelligence/reports/render-report-pdf';
export { computeReportFigures, type ReportFigures } from './intelligence/reports/report-figures';
export {
  REPORT_TIME_ZONE,
  type ReportPeriod,
  reportWeek,
  reportYesterday,
  startOfZonedDay,
  zonedDay,
} from './intelligence/reports/report-period';
export {
  downloadReportPdf,
  getReportPdf,
  type ListReportsInput,
  listReports,
  mailReport,
  publishReport,
  type ReportKind,
  type StoredReport,
  storeReport,
  ZListReportsInput,
  ZReportId,
} from './intelligence/reports/scheduled-reports';
export {
  assertIntakeAdmitted,
  checkStabilize,
  forgetStabilizeState,
  getStabilizeState,
  isStabilizing,
  recordSloMinute,
  SLO,
  type SloMinute,
  STABILIZE_ENTER_BREACHES,
  STABILIZE_ENTER_WINDOW_MS,
  STABILIZE_EXIT_AFTER_MS,
  STABILIZE_FLAG,
  STABILIZE_RETRY_AFTER_S,
  type StabilizeState,
  type StabilizeTransition,
  stabilizeDisabled,
  stabilizedConcurrency,
} from './intelligence/stabilize';
export type { DurableSteps, RunFinish } from './jobs/durable-steps';
export { estimateJob, maxStepCost } from './jobs/estimate';
export { estimateJobCost, type JobEstimate, ZJobEstimate } from './jobs/estimate-job';
export { finalizeJob } from './jobs/finalize-job';
export { getJobTrace, type JobTrace, type TraceStep, ZJobTrace } from './jobs/get-job-trace';
export {
  type JobResource,
  type JobStepResource,
  toJobResource,
  ZJobResource,
  ZJobStepResource,
} from './jobs/job-resource';
export {
  COUNT_CAP,
  type CountJobsInput,
  countJobsByStatus,
  type JobCounts,
  type ListJobsInput,
  listJobs,
  SEARCH_WINDOW,
  ZCountJobsInput,
  ZJobCounts,
  ZJobPage,
  ZListJobsInput,
} from './jobs/list-jobs';
export { cancelJob, getJob, type JobDetail, rerunJob, ZJobDetail } from './jobs/manage-jobs';
export {
  type BulkCancelResult,
  type BulkRerunInput,
  type BulkRerunResult,
  type BulkSelection,
  bulkCancelJobs,
  bulkRerunJobs,
  MAX_BULK_JOBS,
  ZBulkCancelResult,
  ZBulkRerunInput,
  ZBulkRerunResult,
  ZBulkSelection,
} from './jobs/replay/bulk-jobs';
export { type ReplayJobInput, replayJob, ZReplayJobInput } from './jobs/replay/replay-job';
export { failJob, RUN_JOB_RETRIES, runJob } from './jobs/run-job';
export {
  MAX_PAYLOAD_BYTES,
  type ParsedSubmitJobInput,
  priorityRank,
  type SubmitJobInput,
  type SubmitResult,
  submitJob,
  submitParsedJob,
  ZJobPriority,
  ZSubmitJobInput,
} from './jobs/submit-job';
export { exceedsDepth } from './json/json-depth';
export { JSON_MAX_DEPTH, type JsonProblem, storableJsonProblem, ZStorableJson } from './json/storable-json';
export { type CachedPublicMetrics, createPublicMetricsCache } from './metrics/cached-public-metrics';
export {
  getPublicMetrics,
  type PublicMetrics,
  recordHealthChecks,
  ZPublicMetrics,
} from './metrics/public-metrics';
export { centsToUnits, type Units, unitsToCents, unitsToDb } from './money/money';
export { DEFAULT_MODEL_PRICES, modelPrices, STEP_FEES } from './money/prices';
export { safeFetch } from './net/safe-fetch';
export { checkTarget, isBlockedAddress, SsrfBlockedError } from './net/ssrf-guard';
export * from './privacy';
export { clientKey, rateLimitSubject } from './rate-limit/client-key';
export {
  fallbackRateLimiter,
  postgresRateLimiter,
  type RateLimiter,
  type RateLimitResult,
  type RedisLike,
  redisRateLimiter,
} from './rate-limit/rate-limiter';
export { API_AUTH_BLOCK, type ApiAuthGuard, createApiAuthGuard } from './security/api-auth-guard';
export {
  type ListSecurityEventsInput,
  listSecurityEvents,
  ZListSecurityEventsInput,
} from './security/list-security-events';
export { hashPii } from './security/pii-hash';
export { createRefusalLog, type Refusal, type RefusalLog } from './security/record-refusal';
export {
  recordSecurityEvent,
  type SecurityEventInput,
  type SecurityEventType,
} from './security/record-security-event';
export {
  checkLinkRequest,
  countFailedLink,
  noteFailedLink,
  type SignInRefusal,
  signInKeys,
  signInLimits,
} from './security/sign-in-limits';
export * from './status';
export { StepError } from './steps/step-error';
export { DURATION_PATTERN, type Duration, durationMs, parseDuration } from './time/duration';
export { budgetStatus, monthOf, setMonthlyBudget, ZSetBudgetInput } from './usage/budget';
export { changeBudget } from './usage/change-budget';
export { getUsage, type UsageSummary, ZUsageSummary } from './usage/get-usage';
export {
  type CreateUserInput,
  createUser,
  defaultWorkspaceName,
  ZCreateUserInput,
} from './users/create-user';
export { getUserByEmail, type ListUsersInput, listUsers, ZListUsersInput } from './users/list-users';
export { type UpdateProfileInput, updateProfile, ZUpdateProfileInput } from './users/update-profile';
export { assertCallbackUrlAllowed } from './webhooks/check-callback-url';
export {
  type ListDeliveriesInput,
  listWebhookDeliveries,
  newWebhookSecret,
  redeliverWebhook,
  revealWebhookSecret,
  rotateWebhookSecret,
  ZListDeliveriesInput,
} from './webhooks/manage-webhooks';
export {
  attemptDelivery,
  postSignedWebhook,
  runWebhookDelivery,
  WEBHOOK_BACKOFF,
} from './webhooks/run-webhook-delivery';
export {
  type SendTestWebhookInput,
  sampleWebhookEvent,
  sendTestWebhook,
  type TestWebhookResult,
  ZSendTestWebhookInput,
  ZTestWebhookResult,
} from './webhooks/send-test-webhook';
export { signWebhook, verifyWebhook } from './webhooks/sign-webhook';
export {
  toWebhookDeliveryResource,
  type WebhookAttemptResource,
  type WebhookDeliveryPage,
  type WebhookDeliveryResource,
  ZWebhookAttemptResource,
  ZWebhookDeliveryPage,
  ZWebhookDeliveryResource,
} from './webhooks/webhook-delivery-resource';
export {
  archiveWorkflow,
  type CreateWorkflowInput,
  createWorkflow,
  getWorkflow,
  type ListWorkflowsInput,
  listWorkflows,
  publishWorkflow,
  type UpdateWorkflowInput,
  updateWorkflow,
  ZCreateWorkflowInput,
  ZListWorkflowsInput,
  ZPublishWorkflowInput,
  ZUpdateWorkflowInput,
} from './workflows/manage-workflows';
export { ensureStarterWorkflows, STARTER_WORKFLOWS } from './workflows/starter-workflows';
export { type Step, ZStep, ZSteps, ZWorkflowDefinition, ZWorkflowSlug } from './workflows/step-schema';
export {
  toWorkflowResource,
  type WorkflowResource,
  ZWorkflowPage,
  ZWorkflowResource,
} from './workflows/workflow-resource';
export {
  diffWorkflowVersions,
  getWorkflowVersion,
  listWorkflowVersions,
  type WorkflowDiff,
  type WorkflowVersion,
  type WorkflowVersionSummary,
  ZListWorkflowVersionsInput,
  ZWorkflowDiff,
  ZWorkflowVersion,
  ZWorkflowVersionSummary,
} from './workflows/workflow-versions';
export {
  authorizeWorkspaceAction,
  OWNER_ONLY_ACTIONS,
  type OwnerOnlyAction,
} from './workspaces/authorize-workspace-action';
export { listMembers } from './workspaces/list-members';
export {
  type RenameWorkspaceInput,
  renameWorkspace,
  ZRenameWorkspaceInput,
} from './workspaces/rename-workspace';
export {
  ensureWorkspaceForUser,
  findWorkspaceForUser,
  listWorkspacesForUser,
  WORKSPACE_VIEW,
  type WorkspaceAccess,
  type WorkspaceView,
} from './workspaces/workspace-for-user';
