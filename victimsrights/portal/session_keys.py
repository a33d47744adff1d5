"""Where a signed-in victim's session keeps what they signed in to: read by the portal's pages, the permission table
and the middleware, written by sign-in."""

SESSION_VICTIM_REPORT = "victim_report_id"
SESSION_VICTIM_SEALED_RECORD = "victim_sealed_record_id"
