-- Intake writes less per job: one foreign-key check for a job's workflow and version (which must also agree),
-- and untagged jobs add nothing to the tags index (a tag filter states cardinality(tags) > 0).
CREATE UNIQUE INDEX "workflow_versions_id_workflow_uq" ON "workflow_versions" USING btree ("id","workflow_id");--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_workflow_version_fk" FOREIGN KEY ("workflow_version_id","workflow_id") REFERENCES "public"."workflow_versions"("id","workflow_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" DROP CONSTRAINT "jobs_workflow_id_workflows_id_fk";--> statement-breakpoint
ALTER TABLE "jobs" DROP CONSTRAINT "jobs_workflow_version_id_workflow_versions_id_fk";--> statement-breakpoint
DROP INDEX "jobs_tags_idx";--> statement-breakpoint
CREATE INDEX "jobs_tags_idx" ON "jobs" USING gin ("tags") WHERE cardinality(tags) > 0;
