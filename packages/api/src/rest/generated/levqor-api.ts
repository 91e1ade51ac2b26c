// Generated from the OpenAPI document by scripts/generate-client-types.ts. Do not edit.
export interface paths {
    "/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List workflows */
        get: operations["workflows-list"];
        put?: never;
        /** Create a workflow */
        post: operations["workflows-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a workflow */
        get: operations["workflows-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a workflow
         * @description New steps create a new version; jobs keep running the published one until you publish again.
         */
        patch: operations["workflows-update"];
        trace?: never;
    };
    "/workflows/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish a version */
        post: operations["workflows-publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List jobs */
        get: operations["jobs-list"];
        put?: never;
        /**
         * Submit a job
         * @description Validates the job, estimates its cost against the monthly budget, and queues it. Answers 202 with a Location header. The same Idempotency-Key with the same body within 24 h returns the same job.
         */
        post: operations["jobs-submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/estimate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Estimate a job
         * @description Validates a job exactly as `POST /jobs` does and returns the cost it would reserve, and whether it fits the monthly budget and the plan's job quota. Creates nothing (no job, reservation or idempotency key). A job that would be refused for budget or quota is a 200 with `fits: false` and the `refusal` it would get.
         */
        post: operations["jobs-estimate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a job with its steps */
        get: operations["jobs-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/bulk/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel many jobs
         * @description Cancels the selected jobs that are queued or running (sleeping included): `ids` (at most 500), or every job matching `filter` (refused when more than 500 match). Jobs that already ended are skipped; ids of other workspaces are reported as not found.
         */
        post: operations["jobs-bulkCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/bulk/rerun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rerun many jobs
         * @description Reruns the selected ended jobs as new linked jobs: by default each failed or cancelled job from its failed step (earlier steps reuse their recorded outputs), or with `from: "start"` every ended job from its first step. Each rerun is budgeted like any submission; refusals are listed per job.
         */
        post: operations["jobs-bulkRerun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a job */
        post: operations["jobs-cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{id}/rerun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-run a job as a new job */
        post: operations["jobs-rerun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay a job from a step
         * @description Reruns an ended job as a new job linked to it (`rerun_of`, `replay_from_step`). The steps before `from_step` are not executed again: they reuse the original's recorded outputs, at no cost. Execution starts at `from_step` (default: the failed step), optionally with a new `payload`. Budgeted like any submission. Answers 202 with a Location header.
         */
        post: operations["jobs-replay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Month-to-date spend, budget and job counts */
        get: operations["usage-summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/intake": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit a job (original contract) */
        post: operations["legacy-intake"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/status/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Job status (original contract) */
        get: operations["legacy-status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request a data export (Art. 15/20)
         * @description Builds a ZIP of everything Levqor holds about the key’s user and mails it to them (attached up to 5 MB, otherwise a download link that needs their session and a one-time code). One request per 24 hours.
         */
        post: operations["privacy-requestExport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List objections and opt-outs (Art. 21) */
        get: operations["privacy-listObjections"];
        put?: never;
        /**
         * Object to a purpose of processing (Art. 21)
         * @description Purposes: `marketing` (Marketing email about Levqor products and offers); `profiling` (Profiling: the intelligence reports (anomalies, growth, pricing recommendations) using your data); `analytics` (Levqor's own first-party analytics (page views and product events)); `product_email` (Product email that is not strictly needed (tips, summaries)); `all` (All of the above). Objecting again to the same purpose returns the active objection.
         */
        post: operations["privacy-createObjection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy/objections/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw an objection */
        post: operations["privacy-withdrawObjection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sla/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List SLA credit claims
         * @description The credit claims filed for this workspace, newest first, with their status and the decision once made. Follow `next_cursor` for older ones.
         */
        get: operations["sla-listClaims"];
        put?: never;
        /**
         * File an SLA credit claim
         * @description Claims the service credit due for `month` (YYYY-MM): the month must have ended less than 30 days ago, its measured availability be below the 99.5% target and the workspace have paid a fee for it. The figures are computed when filed; one claim per month. Filed for the key’s creator, who must own the workspace.
         */
        post: operations["sla-createClaim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Workflow: {
            /** @example wf_3kT9abcdEFGH1234ijkl */
            id: string;
            /** @example summarize-url */
            slug: string;
            name: string;
            description: string | null;
            /** @enum {string} */
            status: "draft" | "published" | "archived";
            /** @description Latest saved version */
            version: number;
            /** @description The version new jobs run */
            published_version: number | null;
            steps: ({
                id: string;
                /** @constant */
                type: "http";
                /**
                 * @default GET
                 * @enum {string}
                 */
                method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
                url: string;
                /** @default {} */
                headers: {
                    [key: string]: string;
                };
                /** @default null */
                body: unknown;
                /** @default 10000 */
                timeout_ms: number;
            } | {
                id: string;
                /** @constant */
                type: "ai";
                model: string;
                prompt: string;
                system?: string;
                max_tokens: number;
                /** @default 4000 */
                max_input_tokens: number;
                temperature?: number;
            } | {
                id: string;
                /** @constant */
                type: "transform";
                expression: string;
            } | {
                id: string;
                /** @constant */
                type: "delay";
                duration: string;
            } | {
                id: string;
                /** @constant */
                type: "email";
                to: "owner" | string;
                subject: string;
                body: string;
            })[];
            created_at: string;
            updated_at: string;
        };
        Job: {
            /** @example job_4Hq2Zx9Lmn0PqRsTuVwX */
            id: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            /** @description Workflow slug */
            workflow: string;
            workflow_version: number;
            /** @enum {string} */
            priority: "low" | "normal" | "high";
            tags: string[];
            payload: unknown;
            result: unknown;
            error: string | null;
            warnings: string[];
            estimated_cost_cents: number;
            cost_cents: number;
            callback_url: string | null;
            rerun_of: string | null;
            /** @description A replay of `rerun_of`: the position (from 0) of the first step it executed; earlier steps reused the original's outputs */
            replay_from_step: number | null;
            created_at: string;
            started_at: string | null;
            finished_at: string | null;
            steps?: components["schemas"]["JobStep"][];
        };
        JobStep: {
            /** @description The step id from the workflow */
            id: string;
            type: string;
            /** @enum {string} */
            status: "pending" | "running" | "sleeping" | "succeeded" | "failed" | "cancelled" | "skipped";
            attempt: number;
            duration_ms: number | null;
            cost_cents: number;
            output: unknown;
            error: string | null;
            /** @description A replay's step that was not executed: the job whose recorded output it reused */
            reused_from: string | null;
        };
        JobEstimate: {
            workflow: {
                id: string;
                slug: string;
                version: number;
            };
            estimated_cost_cents: number;
            /** @example 2026-12 */
            month: string;
            budget_cents: number | null;
            spent_cents: number;
            reserved_cents: number;
            available_cents: number | null;
            fits_budget: boolean;
            jobs_this_month: number;
            jobs_quota: number | null;
            fits_quota: boolean;
            fits: boolean;
            overage: {
                enabled: boolean;
                metered_cents: number;
            };
            refusal: {
                type: string;
                detail: string;
            } | null;
        };
        JobDetail: {
            /** @example job_4Hq2Zx9Lmn0PqRsTuVwX */
            id: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            /** @description Workflow slug */
            workflow: string;
            workflow_version: number;
            /** @enum {string} */
            priority: "low" | "normal" | "high";
            tags: string[];
            payload: unknown;
            result: unknown;
            error: string | null;
            warnings: string[];
            estimated_cost_cents: number;
            cost_cents: number;
            callback_url: string | null;
            rerun_of: string | null;
            /** @description A replay of `rerun_of`: the position (from 0) of the first step it executed; earlier steps reused the original's outputs */
            replay_from_step: number | null;
            created_at: string;
            started_at: string | null;
            finished_at: string | null;
            steps: components["schemas"]["JobStep"][];
            events: {
                id: string;
                type: string;
                message: string;
                step_id: string | null;
                created_at: string;
            }[];
            /** @description The newest 20 reruns and replays of this job */
            reruns: {
                id: string;
                status: string;
                replay_from_step: number | null;
                created_at: string;
            }[];
        };
        BulkCancelResult: {
            /** @description Jobs of this workspace selected */
            matched: number;
            /** @description Jobs cancelled now */
            cancelled: string[];
            /** @description Jobs that had already ended */
            skipped: string[];
            /** @description Requested ids that are not jobs of this workspace */
            not_found: string[];
        };
        BulkRerunResult: {
            /** @description Jobs of this workspace selected */
            matched: number;
            /** @description The new jobs, by original */
            rerun: {
                of: string;
                id: string;
            }[];
            /** @description Jobs not rerun: still queued or running, or (from "failed") succeeded */
            skipped: string[];
            /** @description Jobs whose rerun was refused, with the problem type (e.g. budget-exceeded) */
            refused: {
                id: string;
                type: string;
                detail: string;
            }[];
            /** @description Requested ids that are not jobs of this workspace */
            not_found: string[];
        };
        Usage: {
            /** @example 2026-11 */
            month: string;
            budget_cents: number;
            spent_cents: number;
            reserved_cents: number;
            jobs: {
                total: number;
                succeeded: number;
                failed: number;
            };
            per_day: {
                date: string;
                cost_cents: number;
                jobs: number;
            }[];
        };
        /**
         * @example {
         *       "type": "https://levqor.dev/problems/job-not-found",
         *       "title": "Job not found",
         *       "status": 404,
         *       "detail": "Job not found",
         *       "request_id": "8d6f0c9e-…"
         *     }
         */
        Problem: {
            /**
             * Format: uri
             * @description Why the request was refused, for programs to branch on: one URI per reason (see x-problem-types), e.g. …/budget-exceeded, …/workflow-not-published, …/high-risk-data, …/rate-limited, …/validation, …/not-found.
             * @enum {string}
             */
            type: "https://levqor.dev/problems/bulk-limit-exceeded" | "https://levqor.dev/problems/invalid-cursor" | "https://levqor.dev/problems/invalid-json" | "https://levqor.dev/problems/invalid-path" | "https://levqor.dev/problems/privacy-code-invalid" | "https://levqor.dev/problems/privacy-token-invalid" | "https://levqor.dev/problems/rate-limit-above-ceiling" | "https://levqor.dev/problems/unknown-version" | "https://levqor.dev/problems/unstorable-text" | "https://levqor.dev/problems/validation" | "https://levqor.dev/problems/unauthorized" | "https://levqor.dev/problems/budget-exceeded" | "https://levqor.dev/problems/job-quota-exceeded" | "https://levqor.dev/problems/account-suspended" | "https://levqor.dev/problems/admin-only" | "https://levqor.dev/problems/forbidden" | "https://levqor.dev/problems/missing-scope" | "https://levqor.dev/problems/not-for-api-keys" | "https://levqor.dev/problems/owner-only" | "https://levqor.dev/problems/terms-not-accepted" | "https://levqor.dev/problems/job-not-found" | "https://levqor.dev/problems/not-found" | "https://levqor.dev/problems/method-not-allowed" | "https://levqor.dev/problems/alert-state" | "https://levqor.dev/problems/billing-off" | "https://levqor.dev/problems/conflict" | "https://levqor.dev/problems/delivery-in-progress" | "https://levqor.dev/problems/email-taken" | "https://levqor.dev/problems/idempotency-key-reused" | "https://levqor.dev/problems/job-ended" | "https://levqor.dev/problems/job-not-replayable" | "https://levqor.dev/problems/key-not-rotatable" | "https://levqor.dev/problems/privacy-code-void" | "https://levqor.dev/problems/privacy-request-closed" | "https://levqor.dev/problems/recommendation-decided" | "https://levqor.dev/problems/suspension-state" | "https://levqor.dev/problems/workflow-read-only" | "https://levqor.dev/problems/workflow-slug-taken" | "https://levqor.dev/problems/payload-too-large" | "https://levqor.dev/problems/uri-too-long" | "https://levqor.dev/problems/unsupported-media-type" | "https://levqor.dev/problems/high-risk-data" | "https://levqor.dev/problems/too-deep-to-screen" | "https://levqor.dev/problems/unprocessable" | "https://levqor.dev/problems/workflow-archived" | "https://levqor.dev/problems/workflow-not-published" | "https://levqor.dev/problems/rate-limited" | "https://levqor.dev/problems/too-many-invalid-keys" | "https://levqor.dev/problems/internal" | "https://levqor.dev/problems/stabilizing" | "https://levqor.dev/problems/unavailable";
            title: string;
            status: number;
            detail: string;
            errors?: {
                path: string;
                message: string;
            }[];
            request_id: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "workflows-list": {
        parameters: {
            query?: {
                status?: "draft" | "published" | "archived";
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "wf_3kT9abcdEFGH1234ijkl",
                     *           "slug": "echo",
                     *           "name": "Echo",
                     *           "description": null,
                     *           "status": "published",
                     *           "version": 1,
                     *           "published_version": 1,
                     *           "steps": [
                     *             {
                     *               "id": "echo",
                     *               "type": "transform",
                     *               "expression": "input"
                     *             }
                     *           ],
                     *           "created_at": "2026-11-27T09:00:00.000Z",
                     *           "updated_at": "2026-11-27T09:00:00.000Z"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Workflow"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflows-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "slug": "echo",
                 *       "name": "Echo",
                 *       "steps": [
                 *         {
                 *           "id": "echo",
                 *           "type": "transform",
                 *           "expression": "input"
                 *         }
                 *       ],
                 *       "publish": true
                 *     }
                 */
                "application/json": {
                    slug: string;
                    name: string;
                    description?: string | null;
                    steps: ({
                        id: string;
                        /** @constant */
                        type: "http";
                        /**
                         * @default GET
                         * @enum {string}
                         */
                        method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
                        url: string;
                        /** @default {} */
                        headers?: {
                            [key: string]: string;
                        };
                        /** @default null */
                        body?: unknown;
                        /** @default 10000 */
                        timeout_ms?: number;
                    } | {
                        id: string;
                        /** @constant */
                        type: "ai";
                        model: string;
                        prompt: string;
                        system?: string;
                        max_tokens: number;
                        /** @default 4000 */
                        max_input_tokens?: number;
                        temperature?: number;
                    } | {
                        id: string;
                        /** @constant */
                        type: "transform";
                        expression: string;
                    } | {
                        id: string;
                        /** @constant */
                        type: "delay";
                        duration: string;
                    } | {
                        id: string;
                        /** @constant */
                        type: "email";
                        to: "owner" | string;
                        subject: string;
                        body: string;
                    })[];
                    /** @default false */
                    publish?: boolean;
                };
            };
        };
        responses: {
            /** @description Successful response */
            201: {
                headers: {
                    /** @description URL of the created resource */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "wf_3kT9abcdEFGH1234ijkl",
                     *       "slug": "echo",
                     *       "name": "Echo",
                     *       "description": null,
                     *       "status": "published",
                     *       "version": 1,
                     *       "published_version": 1,
                     *       "steps": [
                     *         {
                     *           "id": "echo",
                     *           "type": "transform",
                     *           "expression": "input"
                     *         }
                     *       ],
                     *       "created_at": "2026-11-27T09:00:00.000Z",
                     *       "updated_at": "2026-11-27T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (idempotency key reused with another body, state does not allow it). Problem types: `privacy-code-void`, `privacy-request-closed`, `job-ended`, `job-not-replayable`, `idempotency-key-reused`, `email-taken`, `workflow-slug-taken`, `workflow-read-only`, `key-not-rotatable`, `delivery-in-progress`, `alert-state`, `suspension-state`, `recommendation-decided`, `billing-off`, `conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body or payload too large. Problem types: `payload-too-large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type must be application/json. Problem types: `unsupported-media-type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable: high-risk data refused (the detail names the category and the term), or the workflow is unpublished or archived. Problem types: `workflow-not-published`, `workflow-archived`, `high-risk-data`, `too-deep-to-screen`, `unprocessable` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflows-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workflow id (wf_…) or slug */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "wf_3kT9abcdEFGH1234ijkl",
                     *       "slug": "echo",
                     *       "name": "Echo",
                     *       "description": null,
                     *       "status": "published",
                     *       "version": 1,
                     *       "published_version": 1,
                     *       "steps": [
                     *         {
                     *           "id": "echo",
                     *           "type": "transform",
                     *           "expression": "input"
                     *         }
                     *       ],
                     *       "created_at": "2026-11-27T09:00:00.000Z",
                     *       "updated_at": "2026-11-27T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this workspace. Problem types: `not-found`, `job-not-found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflows-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workflow id (wf_…) or slug */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "steps": [
                 *         {
                 *           "id": "echo",
                 *           "type": "transform",
                 *           "expression": "{ 'echo': input }"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    name?: string;
                    description?: string | null;
                    steps?: ({
                        id: string;
                        /** @constant */
                        type: "http";
                        /**
                         * @default GET
                         * @enum {string}
                         */
                        method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
                        url: string;
                        /** @default {} */
                        headers?: {
                            [key: string]: string;
                        };
                        /** @default null */
                        body?: unknown;
                        /** @default 10000 */
                        timeout_ms?: number;
                    } | {
                        id: string;
                        /** @constant */
                        type: "ai";
                        model: string;
                        prompt: string;
                        system?: string;
                        max_tokens: number;
                        /** @default 4000 */
                        max_input_tokens?: number;
                        temperature?: number;
                    } | {
                        id: string;
                        /** @constant */
                        type: "transform";
                        expression: string;
                    } | {
                        id: string;
                        /** @constant */
                        type: "delay";
                        duration: string;
                    } | {
                        id: string;
                        /** @constant */
                        type: "email";
                        to: "owner" | string;
                        subject: string;
                        body: string;
                    })[];
                };
            };
        };
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "wf_3kT9abcdEFGH1234ijkl",
                     *       "slug": "echo",
                     *       "name": "Echo",
                     *       "description": null,
                     *       "status": "published",
                     *       "version": 2,
                     *       "published_version": 1,
                     *       "steps": [
                     *         {
                     *           "id": "echo",
                     *           "type": "transform",
                     *           "expression": "input"
                     *         }
                     *       ],
                     *       "created_at": "2026-11-27T09:00:00.000Z",
                     *       "updated_at": "2026-11-27T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this workspace. Problem types: `not-found`, `job-not-found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (idempotency key reused with another body, state does not allow it). Problem types: `privacy-code-void`, `privacy-request-closed`, `job-ended`, `job-not-replayable`, `idempotency-key-reused`, `email-taken`, `workflow-slug-taken`, `workflow-read-only`, `key-not-rotatable`, `delivery-in-progress`, `alert-state`, `suspension-state`, `recommendation-decided`, `billing-off`, `conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body or payload too large. Problem types: `payload-too-large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type must be application/json. Problem types: `unsupported-media-type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable: high-risk data refused (the detail names the category and the term), or the workflow is unpublished or archived. Problem types: `workflow-not-published`, `workflow-archived`, `high-risk-data`, `too-deep-to-screen`, `unprocessable` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflows-publish": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workflow id (wf_…) or slug */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {} */
                "application/json": {
                    version?: number;
                };
            };
        };
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "wf_3kT9abcdEFGH1234ijkl",
                     *       "slug": "echo",
                     *       "name": "Echo",
                     *       "description": null,
                     *       "status": "published",
                     *       "version": 2,
                     *       "published_version": 2,
                     *       "steps": [
                     *         {
                     *           "id": "echo",
                     *           "type": "transform",
                     *           "expression": "input"
                     *         }
                     *       ],
                     *       "created_at": "2026-11-27T09:00:00.000Z",
                     *       "updated_at": "2026-11-27T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this workspace. Problem types: `not-found`, `job-not-found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type must be application/json. Problem types: `unsupported-media-type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "jobs-list": {
        parameters: {
            query?: {
                workflow?: string;
                tag?: string;
                q?: string;
                created_from?: string;
                created_to?: string;
                status?: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "job_4Hq2Zx9Lmn0PqRsTuVwX",
                     *           "status": "queued",
                     *           "workflow": "demo.flow",
                     *           "workflow_version": 1,
                     *           "priority": "normal",
                     *           "tags": [
                     *             "nightly"
                     *           ],
                     *           "payload": {
                     *             "x": 1
                     *           },
                     *           "result": null,
                     *           "error": null,
                     *           "warnings": [],
                     *           "estimated_cost_cents": 0.01,
                     *           "cost_cents": 0,
                     *           "callback_url": null,
                     *           "rerun_of": null,
                     *           "replay_from_step": null,
                     *           "created_at": "2026-11-27T10:00:00.000Z",
                     *           "started_at": null,
                     *           "finished_at": null
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Job"][];
                        next_cursor: string | null;
                        search_limited?: boolean;
                    };
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "jobs-submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "workflow": "demo.flow",
                 *       "payload": {
                 *         "x": 1
                 *       },
                 *       "priority": "normal",
                 *       "tags": [
                 *         "nightly"
                 *       ]
                 *     }
                 */
                "application/json": {
                    workflow: string;
                    /** @default {} */
                    payload?: unknown;
                    /**
                     * @default normal
                     * @enum {string}
                     */
                    priority?: "low" | "normal" | "high";
                    callback_url?: string | null;
                    /** @default [] */
                    tags?: string[];
                    idempotency_key?: string | null;
                };
            };
        };
        responses: {
            /** @description Accepted: the job is queued */
            202: {
                headers: {
                    /** @description URL of the created resource */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "job_4Hq2Zx9Lmn0PqRsTuVwX",
                     *       "status": "queued",
                     *       "workflow": "demo.flow",
                     *       "workflow_version": 1,
                     *       "priority": "normal",
                     *       "tags": [
                     *         "nightly"
                     *       ],
                     *       "payload": {
                     *         "x": 1
                     *       },
                     *       "result": null,
                     *       "error": null,
                     *       "warnings": [],
                     *       "estimated_cost_cents": 0.01,
                     *       "cost_cents": 0,
                     *       "callback_url": null,
                     *       "rerun_of": null,
                     *       "replay_from_step": null,
                     *       "created_at": "2026-11-27T10:00:00.000Z",
                     *       "started_at": null,
                     *       "finished_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Estimated cost exceeds the remaining monthly budget, or the plan's monthly job quota is used. Problem types: `budget-exceeded`, `job-quota-exceeded` */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the account is suspended (an unpaid invoice, or by Levqor). Problem types: `account-suspended`, `missing-scope`, `not-for-api-keys`, `owner-only`, `terms-not-accepted`, `admin-only`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this workspace. Problem types: `not-found`, `job-not-found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (idempotency key reused with another body, state does not allow it). Problem types: `privacy-code-void`, `privacy-request-closed`, `job-ended`, `job-not-replayable`, `idempotency-key-reused`, `email-taken`, `workflow-slug-taken`, `workflow-read-only`, `key-not-rotatable`, `delivery-in-progress`, `alert-state`, `suspension-state`, `recommendation-decided`, `billing-off`, `conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body or payload too large. Problem types: `payload-too-large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type must be application/json. Problem types: `unsupported-media-type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable: high-risk data refused (the detail names the category and the term), or the workflow is unpublished or archived. Problem types: `workflow-not-published`, `workflow-archived`, `high-risk-data`, `too-deep-to-screen`, `unprocessable` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unavailable: the database cannot be reached, or stabilize mode refuses low-priority jobs (see Retry-After). Problem types: `stabilizing`, `unavailable` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "jobs-estimate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "workflow": "demo.flow",
                 *       "payload": {
                 *         "x": 1
                 *       }
                 *     }
                 */
                "application/json": {
                    workflow: string;
                    /** @default {} */
                    payload?: unknown;
                    /**
                     * @default normal
                     * @enum {string}
                     */
                    priority?: "low" | "normal" | "high";
                    callback_url?: string | null;
                    /** @default [] */
                    tags?: string[];
                    idempotency_key?: string | null;
                };
            };
        };
        responses: {
            /** @description The estimate */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "workflow": {
                     *         "id": "wf_3kT9abcdEFGH1234ijkl",
                     *         "slug": "demo.flow",
                     *         "version": 1
                     *       },
                     *       "estimated_cost_cents": 0.01,
                     *       "month": "2026-11",
                     *       "budget_cents": 500,
                     *       "spent_cents": 120.5,
                     *       "reserved_cents": 3.2,
                     *       "available_cents": 376.3,
                     *       "fits_budget": true,
                     *       "jobs_this_month": 42,
                     *       "jobs_quota": 1000,
                     *       "fits_quota": true,
                     *       "fits": true,
                     *       "overage": {
                     *         "enabled": false,
                     *         "metered_cents": 0
                     *       },
                     *       "refusal": null
                     *     }
                     */
                    "application/json": components["schemas"]["JobEstimate"];
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the account is suspended (an unpaid invoice, or by Levqor). Problem types: `account-suspended`, `missing-scope`, `not-for-api-keys`, `owner-only`, `terms-not-accepted`, `admin-only`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this workspace. Problem types: `not-found`, `job-not-found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body or payload too large. Problem types: `payload-too-large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type must be application/json. Problem types: `unsupported-media-type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable: high-risk data refused (the detail names the category and the term), or the workflow is unpublished or archived. Problem types: `workflow-not-published`, `workflow-archived`, `high-risk-data`, `too-deep-to-screen`, `unprocessable` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "jobs-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Job id (job_…) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "job_4Hq2Zx9Lmn0PqRsTuVwX",
                     *       "status": "succeeded",
                     *       "workflow": "demo.flow",
                     *       "workflow_version": 1,
                     *       "priority": "normal",
                     *       "tags": [
                     *         "nightly"
                     *       ],
                     *       "payload": {
                     *         "x": 1
                     *       },
                     *       "result": {
                     *         "x": 1
                     *       },
                     *       "error": null,
                     *       "warnings": [],
                     *       "estimated_cost_cents": 0.01,
                     *       "cost_cents": 0.01,
                     *       "callback_url": null,
                     *       "rerun_of": null,
                     *       "replay_from_step": null,
                     *       "created_at": "2026-11-27T10:00:00.000Z",
                     *       "started_at": "2026-11-27T10:00:00.120Z",
                     *       "finished_at": "2026-11-27T10:00:00.180Z",
                     *       "steps": [
                     *         {
                     *           "id": "echo",
                     *           "type": "transform",
                     *           "status": "succeeded",
                     *           "attempt": 1,
                     *           "duration_ms": 4,
                     *           "cost_cents": 0.01,
                     *           "output": {
                     *             "x": 1
                     *           },
                     *           "error": null,
                     *           "reused_from": null
                     *         }
                     *       ],
                     *       "events": [
                     *         {
                     *           "id": "evt_1",
                     *           "type": "job.queued",
                     *           "message": "Queued demo.flow v1 (estimate 0.01¢)",
                     *           "step_id": null,
                     *           "created_at": "2026-11-27T10:00:00.000Z"
                     *         }
                     *       ],
                     *       "reruns": []
                     *     }
                     */
                    "application/json": components["schemas"]["JobDetail"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this workspace. Problem types: `not-found`, `job-not-found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "jobs-bulkCancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "filter": {
                 *         "status": "queued",
                 *         "workflow": "demo.flow"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description The jobs to act on (job_…) */
                    ids?: string[];
                    /** @description Every job matching this filter (the list's filters); refused when more than 500 match */
                    filter?: {
                        workflow?: string;
                        tag?: string;
                        /** @description A job id (or its beginning, "job_…"); else text to find in the payload, among the newest 5000 jobs matching the other filters (next_cursor continues into older ones) */
                        q?: string;
                        /**
                         * Format: date-time
                         * @description Jobs created at or after this time
                         */
                        created_from?: string;
                        /**
                         * Format: date-time
                         * @description Jobs created before this time
                         */
                        created_to?: string;
                        /** @enum {string} */
                        status?: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                    };
                };
            };
        };
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "matched": 3,
                     *       "cancelled": [
                     *         "job_4Hq2Zx9Lmn0PqRsTuVwX",
                     *         "job_8Kd0Wq1Rty2Uio3Pas4D"
                     *       ],
                     *       "skipped": [
                     *         "job_2Ab9Cd8Ef7Gh6Ij5Kl4M"
                     *       ],
                     *       "not_found": []
                     *     }
                     */
                    "application/json": components["schemas"]["BulkCancelResult"];
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "jobs-bulkRerun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "ids": [
                 *         "job_4Hq2Zx9Lmn0PqRsTuVwX",
                 *         "job_8Kd0Wq1Rty2Uio3Pas4D"
                 *       ],
                 *       "from": "failed"
                 *     }
                 */
                "application/json": {
                    /** @description The jobs to act on (job_…) */
                    ids?: string[];
                    /** @description Every job matching this filter (the list's filters); refused when more than 500 match */
                    filter?: {
                        workflow?: string;
                        tag?: string;
                        /** @description A job id (or its beginning, "job_…"); else text to find in the payload, among the newest 5000 jobs matching the other filters (next_cursor continues into older ones) */
                        q?: string;
                        /**
                         * Format: date-time
                         * @description Jobs created at or after this time
                         */
                        created_from?: string;
                        /**
                         * Format: date-time
                         * @description Jobs created before this time
                         */
                        created_to?: string;
                        /** @enum {string} */
                        status?: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                    };
                    /**
                     * @description "failed": replay each failed or cancelled job from its failed step (succeeded ones are skipped); "start": rerun every ended job from its first step
                     * @default failed
                     * @enum {string}
                     */
                    from?: "failed" | "start";
                };
            };
        };
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "matched": 2,
                     *       "rerun": [
                     *         {
                     *           "of": "job_4Hq2Zx9Lmn0PqRsTuVwX",
                     *           "id": "job_2Ab9Cd8Ef7Gh6Ij5Kl4M"
                     *         }
                     *       ],
                     *       "skipped": [
                     *         "job_8Kd0Wq1Rty2Uio3Pas4D"
                     *       ],
                     *       "refused": [],
                     *       "not_found": []
                     *     }
                     */
                    "application/json": components["schemas"]["BulkRerunResult"];
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "jobs-cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Job id (job_…) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "job_4Hq2Zx9Lmn0PqRsTuVwX",
                     *       "status": "cancelled",
                     *       "workflow": "demo.flow",
                     *       "workflow_version": 1,
                     *       "priority": "normal",
                     *       "tags": [
                     *         "nightly"
                     *       ],
                     *       "payload": {
                     *         "x": 1
                     *       },
                     *       "result": null,
                     *       "error": null,
                     *       "warnings": [],
                     *       "estimated_cost_cents": 0.01,
                     *       "cost_cents": 0,
                     *       "callback_url": null,
                     *       "rerun_of": null,
                     *       "replay_from_step": null,
                     *       "created_at": "2026-11-27T10:00:00.000Z",
                     *       "started_at": null,
                     *       "finished_at": "2026-11-27T10:00:01.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this workspace. Problem types: `not-found`, `job-not-found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (idempotency key reused with another body, state does not allow it). Problem types: `privacy-code-void`, `privacy-request-closed`, `job-ended`, `job-not-replayable`, `idempotency-key-reused`, `email-taken`, `workflow-slug-taken`, `workflow-read-only`, `key-not-rotatable`, `delivery-in-progress`, `alert-state`, `suspension-state`, `recommendation-decided`, `billing-off`, `conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "jobs-rerun": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Job id (job_…) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            202: {
                headers: {
                    /** @description URL of the created resource */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "job_8Kd0Wq1Rty2Uio3Pas4D",
                     *       "status": "queued",
                     *       "workflow": "demo.flow",
                     *       "workflow_version": 1,
                     *       "priority": "normal",
                     *       "tags": [
                     *         "nightly"
                     *       ],
                     *       "payload": {
                     *         "x": 1
                     *       },
                     *       "result": null,
                     *       "error": null,
                     *       "warnings": [],
                     *       "estimated_cost_cents": 0.01,
                     *       "cost_cents": 0,
                     *       "callback_url": null,
                     *       "rerun_of": "job_4Hq2Zx9Lmn0PqRsTuVwX",
                     *       "replay_from_step": null,
                     *       "created_at": "2026-11-27T10:00:00.000Z",
                     *       "started_at": null,
                     *       "finished_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Estimated cost exceeds the remaining monthly budget, or the plan's monthly job quota is used. Problem types: `budget-exceeded`, `job-quota-exceeded` */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the account is suspended (an unpaid invoice, or by Levqor). Problem types: `account-suspended`, `missing-scope`, `not-for-api-keys`, `owner-only`, `terms-not-accepted`, `admin-only`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this workspace. Problem types: `not-found`, `job-not-found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable: high-risk data refused (the detail names the category and the term), or the workflow is unpublished or archived. Problem types: `workflow-not-published`, `workflow-archived`, `high-risk-data`, `too-deep-to-screen`, `unprocessable` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "jobs-replay": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Job id (job_…) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "from_step": "failed",
                 *       "payload": {
                 *         "x": 2
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description The position (from 0) of the first step to execute; earlier steps reuse the original job's recorded outputs. "failed": the step that failed (or was cancelled). Default: "failed" for a failed or cancelled job without a new payload, else 0 */
                    from_step?: number | "failed";
                    /** @description A new input payload; default: the original job's */
                    payload?: unknown;
                };
            };
        };
        responses: {
            /** @description Accepted: the replay is queued */
            202: {
                headers: {
                    /** @description URL of the created resource */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "job_2Ab9Cd8Ef7Gh6Ij5Kl4M",
                     *       "status": "queued",
                     *       "workflow": "demo.flow",
                     *       "workflow_version": 1,
                     *       "priority": "normal",
                     *       "tags": [
                     *         "nightly"
                     *       ],
                     *       "payload": {
                     *         "x": 2
                     *       },
                     *       "result": null,
                     *       "error": null,
                     *       "warnings": [],
                     *       "estimated_cost_cents": 0.01,
                     *       "cost_cents": 0,
                     *       "callback_url": null,
                     *       "rerun_of": "job_4Hq2Zx9Lmn0PqRsTuVwX",
                     *       "replay_from_step": 1,
                     *       "created_at": "2026-11-27T10:00:00.000Z",
                     *       "started_at": null,
                     *       "finished_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Estimated cost exceeds the remaining monthly budget, or the plan's monthly job quota is used. Problem types: `budget-exceeded`, `job-quota-exceeded` */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this workspace. Problem types: `not-found`, `job-not-found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (idempotency key reused with another body, state does not allow it). Problem types: `privacy-code-void`, `privacy-request-closed`, `job-ended`, `job-not-replayable`, `idempotency-key-reused`, `email-taken`, `workflow-slug-taken`, `workflow-read-only`, `key-not-rotatable`, `delivery-in-progress`, `alert-state`, `suspension-state`, `recommendation-decided`, `billing-off`, `conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body or payload too large. Problem types: `payload-too-large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable: high-risk data refused (the detail names the category and the term), or the workflow is unpublished or archived. Problem types: `workflow-not-published`, `workflow-archived`, `high-risk-data`, `too-deep-to-screen`, `unprocessable` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "usage-summary": {
        parameters: {
            query?: {
                month?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "month": "2026-11",
                     *       "budget_cents": 1000,
                     *       "spent_cents": 12.5,
                     *       "reserved_cents": 0.3,
                     *       "jobs": {
                     *         "total": 42,
                     *         "succeeded": 40,
                     *         "failed": 1
                     *       },
                     *       "per_day": [
                     *         {
                     *           "date": "2026-11-27",
                     *           "cost_cents": 12.5,
                     *           "jobs": 42
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Usage"];
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "legacy-intake": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "workflow": "demo.flow",
                 *       "payload": {
                 *         "x": 1
                 *       },
                 *       "priority": "normal"
                 *     }
                 */
                "application/json": {
                    workflow: string;
                    /** @default {} */
                    payload?: unknown;
                    callback_url?: string | null;
                    /**
                     * @default normal
                     * @enum {string}
                     */
                    priority?: "low" | "normal" | "high";
                };
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    /** @description URL of the created resource */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "job_4Hq2Zx9Lmn0PqRsTuVwX",
                     *       "status": "queued"
                     *     }
                     */
                    "application/json": {
                        job_id: string;
                        /** @constant */
                        status: "queued";
                    };
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Estimated cost exceeds the remaining monthly budget, or the plan's monthly job quota is used. Problem types: `budget-exceeded`, `job-quota-exceeded` */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the account is suspended (an unpaid invoice, or by Levqor). Problem types: `account-suspended`, `missing-scope`, `not-for-api-keys`, `owner-only`, `terms-not-accepted`, `admin-only`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this workspace. Problem types: `not-found`, `job-not-found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (idempotency key reused with another body, state does not allow it). Problem types: `privacy-code-void`, `privacy-request-closed`, `job-ended`, `job-not-replayable`, `idempotency-key-reused`, `email-taken`, `workflow-slug-taken`, `workflow-read-only`, `key-not-rotatable`, `delivery-in-progress`, `alert-state`, `suspension-state`, `recommendation-decided`, `billing-off`, `conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body or payload too large. Problem types: `payload-too-large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type must be application/json. Problem types: `unsupported-media-type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable: high-risk data refused (the detail names the category and the term), or the workflow is unpublished or archived. Problem types: `workflow-not-published`, `workflow-archived`, `high-risk-data`, `too-deep-to-screen`, `unprocessable` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "legacy-status": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "job_4Hq2Zx9Lmn0PqRsTuVwX",
                     *       "status": "succeeded",
                     *       "created_at": "2026-11-27T10:00:00.000Z",
                     *       "result": {
                     *         "x": 1
                     *       },
                     *       "error": null
                     *     }
                     */
                    "application/json": {
                        job_id: string;
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                        created_at: string;
                        result: unknown;
                        error: string | null;
                    };
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this workspace. Problem types: `not-found`, `job-not-found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "privacy-requestExport": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /** @example {} */
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prq_7Yc2Lm0PqRsTuVwXabcd",
                     *       "due_at": "2026-12-27T10:00:00.000Z"
                     *     }
                     */
                    "application/json": {
                        id: string;
                        due_at: string;
                    };
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the account is suspended (an unpaid invoice, or by Levqor). Problem types: `account-suspended`, `missing-scope`, `not-for-api-keys`, `owner-only`, `terms-not-accepted`, `admin-only`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this workspace. Problem types: `not-found`, `job-not-found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "privacy-listObjections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "obj_2Pq9Lm0ZxRsTuVwXabcd",
                     *           "purpose": "profiling",
                     *           "source": "api",
                     *           "reason": "No profiling, please",
                     *           "created_at": "2026-11-27T10:00:00.000Z",
                     *           "withdrawn_at": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        data: {
                            id: string;
                            /** @enum {string} */
                            purpose: "marketing" | "profiling" | "analytics" | "product_email" | "all";
                            source: string;
                            reason: string | null;
                            created_at: string;
                            withdrawn_at: string | null;
                        }[];
                    };
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the account is suspended (an unpaid invoice, or by Levqor). Problem types: `account-suspended`, `missing-scope`, `not-for-api-keys`, `owner-only`, `terms-not-accepted`, `admin-only`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "privacy-createObjection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "purpose": "profiling",
                 *       "reason": "No profiling, please"
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    purpose: "marketing" | "profiling" | "analytics" | "product_email" | "all";
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "obj_2Pq9Lm0ZxRsTuVwXabcd",
                     *       "purpose": "profiling",
                     *       "source": "api",
                     *       "reason": "No profiling, please",
                     *       "created_at": "2026-11-27T10:00:00.000Z",
                     *       "withdrawn_at": null
                     *     }
                     */
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        purpose: "marketing" | "profiling" | "analytics" | "product_email" | "all";
                        source: string;
                        reason: string | null;
                        created_at: string;
                        withdrawn_at: string | null;
                    };
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the account is suspended (an unpaid invoice, or by Levqor). Problem types: `account-suspended`, `missing-scope`, `not-for-api-keys`, `owner-only`, `terms-not-accepted`, `admin-only`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "privacy-withdrawObjection": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "obj_2Pq9Lm0ZxRsTuVwXabcd",
                     *       "purpose": "profiling",
                     *       "source": "api",
                     *       "reason": "No profiling, please",
                     *       "created_at": "2026-11-27T10:00:00.000Z",
                     *       "withdrawn_at": "2026-11-28T10:00:00.000Z"
                     *     }
                     */
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        purpose: "marketing" | "profiling" | "analytics" | "product_email" | "all";
                        source: string;
                        reason: string | null;
                        created_at: string;
                        withdrawn_at: string | null;
                    };
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the account is suspended (an unpaid invoice, or by Levqor). Problem types: `account-suspended`, `missing-scope`, `not-for-api-keys`, `owner-only`, `terms-not-accepted`, `admin-only`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this workspace. Problem types: `not-found`, `job-not-found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sla-listClaims": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "slc_4Hb8Lm0PqRsTuVwXabcd",
                     *           "month": "2026-10",
                     *           "status": "pending",
                     *           "availability": 0.95,
                     *           "measured_minutes": 44640,
                     *           "credit_percent": 25,
                     *           "fee_cents": 2900,
                     *           "credit_cents": 725,
                     *           "filed_at": "2026-11-03T09:30:00.000Z",
                     *           "decided_at": null,
                     *           "decision_reason": null
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": {
                        data: {
                            id: string;
                            month: string;
                            /** @enum {string} */
                            status: "pending" | "approved" | "rejected";
                            availability: number;
                            measured_minutes: number;
                            credit_percent: number;
                            fee_cents: number;
                            credit_cents: number;
                            filed_at: string;
                            decided_at: string | null;
                            decision_reason: string | null;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the account is suspended (an unpaid invoice, or by Levqor). Problem types: `account-suspended`, `missing-scope`, `not-for-api-keys`, `owner-only`, `terms-not-accepted`, `admin-only`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sla-createClaim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "month": "2026-10"
                 *     }
                 */
                "application/json": {
                    month: string;
                };
            };
        };
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "slc_4Hb8Lm0PqRsTuVwXabcd",
                     *       "month": "2026-10",
                     *       "status": "pending",
                     *       "availability": 0.95,
                     *       "measured_minutes": 44640,
                     *       "credit_percent": 25,
                     *       "fee_cents": 2900,
                     *       "credit_cents": 725,
                     *       "filed_at": "2026-11-03T09:30:00.000Z",
                     *       "decided_at": null,
                     *       "decision_reason": null
                     *     }
                     */
                    "application/json": {
                        id: string;
                        month: string;
                        /** @enum {string} */
                        status: "pending" | "approved" | "rejected";
                        availability: number;
                        measured_minutes: number;
                        credit_percent: number;
                        fee_cents: number;
                        credit_cents: number;
                        filed_at: string;
                        decided_at: string | null;
                        decision_reason: string | null;
                    };
                };
            };
            /** @description Invalid input (problem+json with `errors`). Problem types: `validation`, `invalid-cursor`, `unknown-version`, `rate-limit-above-ceiling`, `bulk-limit-exceeded`, `privacy-token-invalid`, `privacy-code-invalid`, `invalid-json`, `invalid-path`, `unstorable-text` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, unknown, expired or revoked API key. Problem types: `unauthorized` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the account is suspended (an unpaid invoice, or by Levqor). Problem types: `account-suspended`, `missing-scope`, `not-for-api-keys`, `owner-only`, `terms-not-accepted`, `admin-only`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (see Retry-After). Problem types: `rate-limited`, `too-many-invalid-keys` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
