from django.urls import path

from victimsrights.portal import sign_in_views as sign_in
from victimsrights.portal import views

app_name = "portal"
urlpatterns = [
    path("sign-in", sign_in.victim_sign_in, name="sign-in"),
    path("code", sign_in.victim_code, name="code"),
    path("sign-out", sign_in.victim_sign_out, name="sign-out"),
    path("", views.report, name="report"),
    path("appeal", views.appeal, name="appeal"),
    path("message", views.message, name="message"),
    path("contact", views.contact_preferences, name="contact"),
    path("review", views.review, name="review"),
    path("complaint", views.complaint, name="complaint"),
    path("feedback", views.feedback, name="feedback"),
    path("feedback/no-thanks", views.feedback_decline_view, name="feedback-decline"),
    path("complaint/not-satisfied", views.complaint_escalate, name="complaint-escalate"),
    path("sealed-record/sign-in", sign_in.sealed_record_sign_in, name="sealed-sign-in"),
    path("sealed-record", views.sealed_record, name="sealed"),
    path("sealed-record/<slug:action>", views.sealed_record_action, name="sealed-action"),
]
