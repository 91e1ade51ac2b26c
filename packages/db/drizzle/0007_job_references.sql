-- Deleting a job touches what references it by index only. A ledger row keeps the id of the job it charged
-- as a plain reference (the ledger is append-only history that outlives its jobs; its foreign key had no
-- index, so every deleted job scanned the whole ledger — and intake now checks one foreign key less per
-- reservation). Idempotency keys and webhook deliveries get an index on job_id for their cascades.
ALTER TABLE "cost_ledger" DROP CONSTRAINT "cost_ledger_job_id_jobs_id_fk";
--> statement-breakpoint
CREATE INDEX "job_idempotency_keys_job_idx" ON "job_idempotency_keys" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_job_idx" ON "webhook_deliveries" USING btree ("job_id");