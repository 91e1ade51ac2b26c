-- Partial indexes: a queued job has no finished_at and most runs no dedupe_key, so intake writes no entry in them.
DROP INDEX "engine_runs_dedupe_uq";--> statement-breakpoint
DROP INDEX "jobs_finished_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "engine_runs_dedupe_uq" ON "engine_runs" USING btree ("dedupe_key") WHERE dedupe_key is not null;--> statement-breakpoint
CREATE INDEX "jobs_finished_idx" ON "jobs" USING btree ("finished_at") WHERE finished_at is not null;--> statement-breakpoint
-- Raised inside an optimistic job intake when what it assumed no longer holds (budget, published
-- version): the whole transaction rolls back and the application decides the batch again under the
-- workspace lock. SQLSTATE LQ001; NULL counts as false.
CREATE FUNCTION "levqor_assert"("ok" boolean, "message" text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION USING ERRCODE = 'LQ001', MESSAGE = message;
  END IF;
  RETURN true;
END $$;
