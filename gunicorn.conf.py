"""gunicorn's settings, read from the working directory by every gunicorn started here (`make run`, the tests).

The access log keeps the method, the path without its query string, the status, the size and the time taken:
no query string (a filter may hold a report reference or crime number), no client address.
"""

access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(D)sus'

# The longest request line gunicorn allows (its default, 4094, answered a long audit-log filter with gunicorn's own
# "URI Too Long" page, which has no language and no landmarks). The service's forms then refuse an over-long value
# on their own page; past this, the load balancer's limit applies.
limit_request_line = 8190
