CREATE TABLE "plan_prices" (
	"stripe_price_id" text PRIMARY KEY NOT NULL,
	"plan" "workspace_plan" NOT NULL,
	"unit_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"recommendation_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_prices_recommendation_id_unique" UNIQUE("recommendation_id")
);
--> statement-breakpoint
CREATE INDEX "plan_prices_plan_idx" ON "plan_prices" USING btree ("plan","created_at");--> statement-breakpoint
-- Alert webhooks are signed at delivery with the secret of the moment (the workspace's, or
-- LEVQOR_ALERT_WEBHOOK_SECRET for console rules): drop the copies rules kept in their channels.
UPDATE "alert_rules" SET "channels" = (
	SELECT coalesce(jsonb_agg(c - 'secret'), '[]'::jsonb) FROM jsonb_array_elements("channels") AS c
) WHERE jsonb_path_exists("channels", '$[*].secret');
--> statement-breakpoint
UPDATE "alert_rules" SET "escalate_channels" = (
	SELECT jsonb_agg(c - 'secret') FROM jsonb_array_elements("escalate_channels") AS c
) WHERE "escalate_channels" IS NOT NULL AND jsonb_path_exists("escalate_channels", '$[*].secret');
