CREATE TABLE "recommendations" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"period" text NOT NULL,
	"title" text NOT NULL,
	"explanation" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"proposal" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feature_flags" ADD COLUMN "value" integer;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD COLUMN "managed_by" text DEFAULT 'admin' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_period_uq" ON "recommendations" USING btree ("kind","subject","period");--> statement-breakpoint
CREATE INDEX "recommendations_status_idx" ON "recommendations" USING btree ("status","created_at");