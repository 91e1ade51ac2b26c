ALTER TABLE "daily_ledger" ADD COLUMN "plan" "workspace_plan";--> statement-breakpoint
-- Rows computed before: the workspace's plan now is the best record of it.
UPDATE "daily_ledger" d SET "plan" = w."plan" FROM "workspaces" w WHERE w."id" = d."workspace_id";
