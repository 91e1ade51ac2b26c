-- A run's end no longer writes its concurrency key's row. It decremented `running` there, so every run of
-- a workspace ended through one row lock held until its commit (the WAL flush included): ends were
-- serialized per workspace. A claim now counts the running runs of the keys it locked instead (this
-- index; at most a key's limit each). The row is still written by claims, intake and runs that start
-- waiting: a claim relies on every such change making a new row version (see claim.ts).
CREATE INDEX "engine_runs_key_running_idx" ON "engine_runs" USING btree ("concurrency_key") WHERE status = 'running' and concurrency_key is not null;--> statement-breakpoint
DROP TRIGGER "engine_runs_key_delete" ON "engine_runs";--> statement-breakpoint
DROP TRIGGER "engine_runs_key_update" ON "engine_runs";--> statement-breakpoint
-- Inserted runs: one aggregated upsert per statement.
CREATE OR REPLACE FUNCTION "engine_runs_key_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "engine_concurrency_keys" AS k ("key", "function_id", "concurrency_limit", "next_run_at")
  SELECT n."concurrency_key", min(n."function_id"), coalesce(max(n."concurrency_limit"), 0),
    min(n."run_at") FILTER (WHERE n."status" IN ('queued', 'sleeping'))
  FROM new_runs n WHERE n."concurrency_key" IS NOT NULL
  GROUP BY n."concurrency_key"
  ORDER BY n."concurrency_key"
  ON CONFLICT ("key") DO UPDATE SET
    "concurrency_limit" = excluded."concurrency_limit",
    "next_run_at" = least(k."next_run_at", excluded."next_run_at");
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A run that starts waiting (a retry, a sleep) or is due earlier lowers its key's bound.
CREATE OR REPLACE FUNCTION "engine_runs_key_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "engine_concurrency_keys" SET "next_run_at" = least("next_run_at", NEW."run_at")
  WHERE "key" = NEW."concurrency_key";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "engine_runs_key_update" AFTER UPDATE OF "status", "run_at" ON "engine_runs"
  FOR EACH ROW WHEN (NEW."concurrency_key" IS NOT NULL AND NEW."status" IN ('queued', 'sleeping')
    AND (OLD."status" NOT IN ('queued', 'sleeping') OR NEW."run_at" < OLD."run_at"))
  EXECUTE FUNCTION "engine_runs_key_sync"();
--> statement-breakpoint
ALTER TABLE "engine_concurrency_keys" DROP COLUMN "running";
