"""The one way a staff form acts: validate, call the service, say what happened; else the same page."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


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


def act_on_page_form(
    request: HttpRequest,
    form: forms.Form,
    act: Callable[[dict[str, Any]], str],
    *,
    refused: type[Exception],
    page_name: str,
    page: Callable[..., HttpResponse],
    form_name: str,
    **page_kwargs: Any,
) -> HttpResponse:
    """A form posted from an object's page: back to that page when done, or the page again showing the form."""
    return act_on_form(
        request,
        form,
        act,
        refused=refused,
        done=lambda: redirect(page_name, **page_kwargs),
        again=lambda invalid: page(request, **page_kwargs, **{form_name: invalid}),
    )
