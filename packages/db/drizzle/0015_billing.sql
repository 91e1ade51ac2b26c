-- Plans (packages/core/src/billing/plans.ts): "pro" becomes "starter"; growth and enterprise are new.
ALTER TYPE "public"."workspace_plan" RENAME VALUE 'pro' TO 'starter';--> statement-breakpoint
ALTER TYPE "public"."workspace_plan" ADD VALUE 'growth' BEFORE 'business';--> statement-breakpoint
ALTER TYPE "public"."workspace_plan" ADD VALUE 'enterprise';--> statement-breakpoint
CREATE TABLE "billing_notices" (
	"key" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"kind" text NOT NULL,
	"metadata" jsonb,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"created" bigint NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"status" text NOT NULL,
	"price_id" text,
	"plan" "workspace_plan",
	"current_period_start" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"version" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cost_ledger_totals" ADD COLUMN "rows" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "stripe_customer_id" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "suspended_reason" text;--> statement-breakpoint
ALTER TABLE "billing_notices" ADD CONSTRAINT "billing_notices_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_notices_workspace_idx" ON "billing_notices" USING btree ("workspace_id","sent_at");--> statement-breakpoint
CREATE INDEX "stripe_events_received_idx" ON "stripe_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "subscriptions_workspace_idx" ON "subscriptions" USING btree ("workspace_id");--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_stripe_customer_id_unique" UNIQUE("stripe_customer_id");--> statement-breakpoint
-- cost_ledger_totals.rows counts the rows each total sums (reserve rows: jobs submitted, the plan's quota).
UPDATE "cost_ledger_totals" AS t SET "rows" = c."n"
FROM (SELECT "workspace_id", "month", "kind", count(*)::int AS "n" FROM "cost_ledger" GROUP BY 1, 2, 3) AS c
WHERE t."workspace_id" = c."workspace_id" AND t."month" = c."month" AND t."kind" = c."kind"
  AND t."shard" = (
    SELECT min(x."shard") FROM "cost_ledger_totals" AS x
    WHERE x."workspace_id" = c."workspace_id" AND x."month" = c."month" AND x."kind" = c."kind"
  );
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "cost_ledger_totals_add"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s smallint := floor(random() * 8)::smallint;
BEGIN
  -- One shard per statement; rows locked in a fixed order, so two writers never deadlock here.
  INSERT INTO "cost_ledger_totals" AS t ("workspace_id", "month", "kind", "shard", "total", "rows")
  SELECT "workspace_id", "month", "kind", s, sum("amount"), count(*) FROM new_rows
  GROUP BY "workspace_id", "month", "kind"
  ORDER BY "workspace_id", "month", "kind"
  ON CONFLICT ("workspace_id", "month", "kind", "shard") DO UPDATE
    SET "total" = t."total" + excluded."total", "rows" = t."rows" + excluded."rows";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "cost_ledger_totals_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Update only (never insert): with the workspace's own deletion, its totals may be gone already.
  UPDATE "cost_ledger_totals" AS t SET "total" = t."total" - o."total", "rows" = t."rows" - o."n"
  FROM (
    SELECT "workspace_id", "month", "kind", sum("amount") AS "total", count(*)::int AS "n" FROM old_rows
    GROUP BY "workspace_id", "month", "kind"
  ) AS o
  WHERE t."workspace_id" = o."workspace_id" AND t."month" = o."month" AND t."kind" = o."kind"
    AND t."shard" = (
      SELECT min(x."shard") FROM "cost_ledger_totals" AS x
      WHERE x."workspace_id" = o."workspace_id" AND x."month" = o."month" AND x."kind" = o."kind"
    );
  RETURN NULL;
END $$;
