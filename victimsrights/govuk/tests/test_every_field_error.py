"""Every text field of every form in the service: its errors name the field in plain words, once each.

A question ("Why do you think the decision is wrong?") or an "(optional)" label never goes into an error
message, and one bad character gives one error, not two.
"""

import importlib
import pkgutil
import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template

import victimsrights
from victimsrights.govuk.validators import reject_control_characters

QUESTION_OR_OPTIONAL = re.compile(r"\?|\(optional\)")


def _every_form() -> list[type[forms.Form]]:
    for module in pkgutil.walk_packages(victimsrights.__path__, "victimsrights."):
        if module.name.rsplit(".", 1)[-1].endswith("forms"):
            importlib.import_module(module.name)
    found: list[type[forms.Form]] = []
    pending: list[type] = [forms.Form, forms.ModelForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("victimsrights.") and ".tests." not in subclass.__module__:
                found.append(subclass)
    return found


FIELDS = [
    pytest.param(field, id=f"{form.__module__}.{form.__name__}.{name}")
    for form in _every_form()
    for name, field in form.base_fields.items()
    if isinstance(field, forms.CharField)
]


def _errors(field: forms.Field, value: str) -> list[str]:
    try:
        field.clean(value)
    except ValidationError as error:
        return list(error.messages)
    return []


def test_the_service_has_forms_to_check() -> None:
    assert len(FIELDS) > 40


@pytest.mark.parametrize("field", FIELDS)
def test_a_fields_errors_are_plain_and_said_once(field: forms.CharField) -> None:
    bad = ["a\x00b"]
    if reject_control_characters in field.validators:
        bad.append("a\x07b")
    if field.max_length:
        bad.append("x" * (field.max_length + 1))
    if field.required:
        bad.append("")
    for value in bad:
        messages = _errors(field, value)
        assert messages, f"{value[:20]!r} was accepted"
        assert len(messages) == len(set(messages)), f"{value[:20]!r} gives the same error twice: {messages}"
        for message in messages:
            assert not QUESTION_OR_OPTIONAL.search(message), f"{message!r} quotes the question as a name"


def test_the_error_summary_follows_the_order_of_the_fields() -> None:
    class TwoQuestions(forms.Form):
        first = forms.CharField(required=False)
        second = forms.CharField(error_messages={"required": "Enter the second"})

        def clean(self) -> dict:
            self.add_error("first", "Enter the first")  # a cross-field check adds its error last
            return self.cleaned_data

    form = TwoQuestions({})
    form.is_valid()
    html = Template("{% load govuk %}{% govuk_error_summary form %}").render(Context({"form": form}))
    assert html.index("Enter the first") < html.index("Enter the second")
