"""The one way a staff form acts: validate, call the service, say what happened; else the same page."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse


def act_on_form(
    request: HttpRequest,
    form: forms.Form,
    act: Callable[[dict[str, Any]], str],
    *,
    refused: type[Exception],
    done: Callable[[], HttpResponse],
    again: Callable[[forms.Form], HttpResponse],
) -> HttpResponse:
    """`act` returns the success message; a `refused` error becomes the form's error on the same page."""
    if form.is_valid():
        try:
            messages.success(request, act(form.cleaned_data))
        except refused as error:
            form.add_error(None, str(error))
        else:
            return done()
    return again(form)
