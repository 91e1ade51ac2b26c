CREATE TABLE "engine_concurrency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"function_id" text NOT NULL,
	"concurrency_limit" integer NOT NULL,
	"running" integer DEFAULT 0 NOT NULL,
	"next_run_at" timestamp with time zone,
	"last_claimed_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "engine_runs_due_idx";--> statement-breakpoint
DROP INDEX "engine_runs_concurrency_idx";--> statement-breakpoint
CREATE INDEX "engine_concurrency_keys_waiting_idx" ON "engine_concurrency_keys" USING btree ("function_id") WHERE next_run_at is not null;--> statement-breakpoint
CREATE INDEX "engine_runs_unkeyed_due_idx" ON "engine_runs" USING btree ("priority" DESC NULLS LAST,"run_at","created_at") WHERE status in ('queued', 'sleeping') and concurrency_key is null;--> statement-breakpoint
CREATE INDEX "engine_runs_key_due_idx" ON "engine_runs" USING btree ("concurrency_key","priority" DESC NULLS LAST,"run_at","created_at") WHERE status in ('queued', 'sleeping') and concurrency_key is not null;--> statement-breakpoint
CREATE INDEX "engine_runs_key_next_idx" ON "engine_runs" USING btree ("concurrency_key","run_at") WHERE status in ('queued', 'sleeping') and concurrency_key is not null;--> statement-breakpoint
-- Slot counts per concurrency key, kept in the transaction of every run state change (see schema/engine.ts).
-- Inserted runs: one aggregated upsert per statement (bulk inserts touch each key once).
CREATE FUNCTION "engine_runs_key_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "engine_concurrency_keys" AS k ("key", "function_id", "concurrency_limit", "running", "next_run_at")
  SELECT n."concurrency_key", min(n."function_id"), coalesce(max(n."concurrency_limit"), 0),
    count(*) FILTER (WHERE n."status" = 'running'),
    min(n."run_at") FILTER (WHERE n."status" IN ('queued', 'sleeping'))
  FROM new_runs n WHERE n."concurrency_key" IS NOT NULL
  GROUP BY n."concurrency_key"
  ORDER BY n."concurrency_key"
  ON CONFLICT ("key") DO UPDATE SET
    "concurrency_limit" = excluded."concurrency_limit",
    "running" = k."running" + excluded."running",
    "next_run_at" = least(k."next_run_at", excluded."next_run_at");
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "engine_runs_key_insert" AFTER INSERT ON "engine_runs"
  REFERENCING NEW TABLE AS new_runs FOR EACH STATEMENT EXECUTE FUNCTION "engine_runs_key_insert"();
--> statement-breakpoint
-- Status changes and deletes: running +1/-1; a run that starts waiting (or is due earlier) lowers next_run_at.
CREATE FUNCTION "engine_runs_key_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta integer := 0;
  due timestamptz := NULL;
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "engine_concurrency_keys" SET "running" = "running" - 1 WHERE "key" = OLD."concurrency_key";
    RETURN NULL;
  END IF;
  IF OLD."status" = 'running' AND NEW."status" <> 'running' THEN delta := -1; END IF;
  IF NEW."status" = 'running' AND OLD."status" <> 'running' THEN delta := 1; END IF;
  IF NEW."status" IN ('queued', 'sleeping')
    AND (OLD."status" NOT IN ('queued', 'sleeping') OR NEW."run_at" < OLD."run_at") THEN
    due := NEW."run_at";
  END IF;
  IF delta <> 0 OR due IS NOT NULL THEN
    UPDATE "engine_concurrency_keys" SET
      "running" = "running" + delta,
      "next_run_at" = least("next_run_at", due)
    WHERE "key" = NEW."concurrency_key";
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "engine_runs_key_update" AFTER UPDATE OF "status", "run_at" ON "engine_runs"
  FOR EACH ROW WHEN (NEW."concurrency_key" IS NOT NULL
    AND (OLD."status" IS DISTINCT FROM NEW."status" OR NEW."run_at" < OLD."run_at"))
  EXECUTE FUNCTION "engine_runs_key_sync"();
--> statement-breakpoint
CREATE TRIGGER "engine_runs_key_delete" AFTER DELETE ON "engine_runs"
  FOR EACH ROW WHEN (OLD."concurrency_key" IS NOT NULL AND OLD."status" = 'running')
  EXECUTE FUNCTION "engine_runs_key_sync"();
--> statement-breakpoint
-- Keys of the runs that exist already.
INSERT INTO "engine_concurrency_keys" ("key", "function_id", "concurrency_limit", "running", "next_run_at")
SELECT "concurrency_key", min("function_id"), coalesce(max("concurrency_limit"), 0),
  count(*) FILTER (WHERE "status" = 'running'),
  min("run_at") FILTER (WHERE "status" IN ('queued', 'sleeping'))
FROM "engine_runs" WHERE "concurrency_key" IS NOT NULL
GROUP BY "concurrency_key";
