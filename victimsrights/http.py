"""Typed requests: what the permission table (permissions.py) guarantees before a view runs."""

from django.http import HttpRequest

from victimsrights.accounts.models import StaffUser


class StaffRequest(HttpRequest):
    """A request to a staff-only page: the permission middleware let it through only for signed-in staff in the
    page's roles, with their second factor, so its user is a `StaffUser`. For views whose rule is `staff(...)`."""

    user: StaffUser
