from django.urls import path

from victimsrights.recording import views

app_name = "recording"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("reports/<int:report_id>", views.report_detail, name="report"),
    path("reports/<int:report_id>/record", views.record, name="record"),
    path("reports/<int:report_id>/decline", views.decline, name="decline"),
    path("reports/<int:report_id>/cancel", views.cancel, name="cancel"),
    path("appeals", views.appeals, name="appeals"),
    path("appeals/<int:appeal_id>", views.appeal_detail, name="appeal"),
]
