CREATE TABLE "alert_notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"alert_ids" text[] NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"target" text NOT NULL,
	"ok" boolean NOT NULL,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"scope" text NOT NULL,
	"metric" text NOT NULL,
	"condition" text NOT NULL,
	"threshold" double precision,
	"severity" text NOT NULL,
	"channels" jsonb NOT NULL,
	"quiet_hours" jsonb,
	"escalate_after_minutes" integer,
	"escalate_channels" jsonb,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"rule_id" text NOT NULL,
	"scope" text NOT NULL,
	"metric" text NOT NULL,
	"severity" text NOT NULL,
	"group_key" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"message" text NOT NULL,
	"value" double precision NOT NULL,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" text
);
--> statement-breakpoint
CREATE TABLE "daily_ledger" (
	"workspace_id" text NOT NULL,
	"day" text NOT NULL,
	"revenue_cents" double precision NOT NULL,
	"ai_spend_cents" double precision NOT NULL,
	"infra_cost_cents" double precision NOT NULL,
	"margin_cents" double precision NOT NULL,
	"jobs" integer NOT NULL,
	"api_requests" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_ledger_workspace_id_day_pk" PRIMARY KEY("workspace_id","day")
);
--> statement-breakpoint
CREATE TABLE "metric_anomalies" (
	"id" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"metric" text NOT NULL,
	"bucket_start" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	"expected_low" double precision NOT NULL,
	"expected_high" double precision NOT NULL,
	"z_score" double precision,
	"method" text NOT NULL,
	"explanation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_rollups" (
	"scope" text NOT NULL,
	"metric" text NOT NULL,
	"bucket_start" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metric_rollups_scope_metric_bucket_start_pk" PRIMARY KEY("scope","metric","bucket_start")
);
--> statement-breakpoint
CREATE TABLE "slo_breaches" (
	"minute_start" timestamp with time zone PRIMARY KEY NOT NULL,
	"reasons" text[] NOT NULL,
	"p99_intake_ms" double precision,
	"error_rate" double precision
);
--> statement-breakpoint
CREATE TABLE "stabilize_state" (
	"id" text PRIMARY KEY NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"entered_at" timestamp with time zone,
	"exited_at" timestamp with time zone,
	"reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_notifications_created_idx" ON "alert_notifications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "alert_rules_scope_idx" ON "alert_rules" USING btree ("scope");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_rule_unresolved_uq" ON "alerts" USING btree ("rule_id") WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_status_idx" ON "alerts" USING btree ("status","last_seen_at");--> statement-breakpoint
CREATE INDEX "daily_ledger_day_idx" ON "daily_ledger" USING btree ("day");--> statement-breakpoint
CREATE UNIQUE INDEX "metric_anomalies_point_uq" ON "metric_anomalies" USING btree ("scope","metric","bucket_start");--> statement-breakpoint
CREATE INDEX "metric_anomalies_created_idx" ON "metric_anomalies" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "metric_rollups_bucket_idx" ON "metric_rollups" USING btree ("bucket_start");--> statement-breakpoint
CREATE INDEX "api_requests_created_idx" ON "api_requests" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "webhook_attempts_created_idx" ON "webhook_attempts" USING btree ("created_at");