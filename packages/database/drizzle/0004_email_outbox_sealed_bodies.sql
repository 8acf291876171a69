ALTER TABLE "email_outbox" ADD COLUMN "body" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "body_purge_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "organization_id" text;--> statement-breakpoint
CREATE INDEX "email_outbox_organization_idx" ON "email_outbox" USING btree ("organization_id") WHERE status in ('queued', 'sending');--> statement-breakpoint
CREATE INDEX "email_outbox_body_purge_idx" ON "email_outbox" USING btree ("body_purge_at") WHERE body is not null;--> statement-breakpoint
-- Bodies queued before this migration were stored in plain text and cannot be sealed here (the
-- key comes from the app secret): they are dropped, and the messages marked failed so that the
-- invitation list offers a resend.
UPDATE "email_outbox" SET "status" = 'failed', "locked_until" = NULL, "last_error" = 'Queued before outbox bodies were encrypted; send it again.' WHERE "status" IN ('queued', 'sending');--> statement-breakpoint
ALTER TABLE "email_outbox" DROP COLUMN "html";--> statement-breakpoint
ALTER TABLE "email_outbox" DROP COLUMN "text";