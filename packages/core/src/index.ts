// Plain-words validation messages for every schema (see validation/plain-messages.ts).
import './validation/plain-messages';

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
export { DOMAIN_REASONS, DomainError, type DomainErrorCode, type DomainReason, notFound } from './errors';
export * from './events/events';
export { BUILT_IN_CATEGORIES, PRESET_CATEGORIES } from './firewall/terms';
export {
  checkReadiness,
  type Readiness,
  type ReadinessOptions,
  WORKER_STALE_MS,
} from './health/check-readiness';
export type { DurableSteps } from './jobs/durable-steps';
export { estimateJob, maxStepCost } from './jobs/estimate';
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
export { StepError } from './steps/step-error';
export { DURATION_PATTERN, type Duration, durationMs, parseDuration } from './time/duration';
export { budgetStatus, monthOf, PLAN_BUDGET_CENTS, setMonthlyBudget, ZSetBudgetInput } from './usage/budget';
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
