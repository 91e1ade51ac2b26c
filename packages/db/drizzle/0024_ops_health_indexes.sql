CREATE INDEX "engine_runs_lost_idx" ON "engine_runs" USING btree ("updated_at") WHERE lost_count > 0;--> statement-breakpoint
CREATE INDEX "jobs_started_idx" ON "jobs" USING btree ("started_at") WHERE started_at is not null;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("created_at") WHERE status = 'pending';