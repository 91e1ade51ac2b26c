CREATE TABLE "cost_ledger_totals" (
	"workspace_id" text NOT NULL,
	"month" text NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"shard" smallint NOT NULL,
	"total" numeric(18, 4) DEFAULT '0' NOT NULL,
	CONSTRAINT "cost_ledger_totals_workspace_id_month_kind_shard_pk" PRIMARY KEY("workspace_id","month","kind","shard")
);
--> statement-breakpoint
ALTER TABLE "cost_ledger_totals" ADD CONSTRAINT "cost_ledger_totals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Running totals of the ledger (costLedgerTotals in src/schema/jobs.ts), kept by statement triggers.
INSERT INTO "cost_ledger_totals" ("workspace_id", "month", "kind", "shard", "total")
SELECT "workspace_id", "month", "kind", 0, sum("amount") FROM "cost_ledger" GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE FUNCTION "cost_ledger_totals_add"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s smallint := floor(random() * 8)::smallint;
BEGIN
  -- One shard per statement; rows locked in a fixed order, so two writers never deadlock here.
  INSERT INTO "cost_ledger_totals" AS t ("workspace_id", "month", "kind", "shard", "total")
  SELECT "workspace_id", "month", "kind", s, sum("amount") FROM new_rows
  GROUP BY "workspace_id", "month", "kind"
  ORDER BY "workspace_id", "month", "kind"
  ON CONFLICT ("workspace_id", "month", "kind", "shard") DO UPDATE SET "total" = t."total" + excluded."total";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "cost_ledger_totals_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Update only (never insert): with the workspace's own deletion, its totals may be gone already.
  UPDATE "cost_ledger_totals" AS t SET "total" = t."total" - o."total"
  FROM (
    SELECT "workspace_id", "month", "kind", sum("amount") AS "total" FROM old_rows
    GROUP BY "workspace_id", "month", "kind"
  ) AS o
  WHERE t."workspace_id" = o."workspace_id" AND t."month" = o."month" AND t."kind" = o."kind"
    AND t."shard" = (
      SELECT min(x."shard") FROM "cost_ledger_totals" AS x
      WHERE x."workspace_id" = o."workspace_id" AND x."month" = o."month" AND x."kind" = o."kind"
    );
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "cost_ledger_totals_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Append-only: only job_id changes (set null when its job is deleted).
  IF EXISTS (
    SELECT 1 FROM old_rows AS o JOIN new_rows AS n USING ("id")
    WHERE (o."workspace_id", o."month", o."kind", o."amount") IS DISTINCT FROM (n."workspace_id", n."month", n."kind", n."amount")
  ) THEN
    RAISE EXCEPTION 'cost_ledger is append-only: workspace_id, month, kind and amount never change';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "cost_ledger_totals_add" AFTER INSERT ON "cost_ledger"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "cost_ledger_totals_add"();
--> statement-breakpoint
CREATE TRIGGER "cost_ledger_totals_remove" AFTER DELETE ON "cost_ledger"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "cost_ledger_totals_remove"();
--> statement-breakpoint
CREATE TRIGGER "cost_ledger_totals_refuse_change" AFTER UPDATE ON "cost_ledger"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "cost_ledger_totals_refuse_change"();
