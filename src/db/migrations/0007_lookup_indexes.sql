CREATE INDEX "account_role_holders_role_idx" ON "account_role_holders" USING btree ("role_id");--> statement-breakpoint
CREATE INDEX "contacts_name_idx" ON "contacts" USING btree ("workspace_id","last_name","first_name","id");--> statement-breakpoint
CREATE INDEX "tasks_assignee_contact_idx" ON "tasks" USING btree ("assignee_contact_id") WHERE "tasks"."assignee_contact_id" is not null;--> statement-breakpoint
CREATE INDEX "tasks_form_idx" ON "tasks" USING btree ("form_id") WHERE "tasks"."form_id" is not null;