from django.db import models


class RateCounter(models.Model):
    """One fixed window of one rate limit: attempts counted with an atomic UPDATE, so concurrent requests in any web
    process never lose a count (the database cache's incr is a read then a write)."""

    key = models.CharField(max_length=64, primary_key=True)  # sha256 of the scope, identifier and window
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)
