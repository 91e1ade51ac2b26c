ALTER TABLE "job_steps" ADD COLUMN "reused_from_job_id" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "replay_from_step" integer;--> statement-breakpoint
CREATE INDEX "jobs_rerun_of_idx" ON "jobs" USING btree ("rerun_of") WHERE rerun_of is not null;