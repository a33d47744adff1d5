from django.urls import path

from victimsrights.oversight import views

app_name = "oversight"
urlpatterns = [
    path("audit-log", views.audit_log, name="audit"),
    path("audit-log/verify", views.verify_audit_log, name="audit-verify"),
]
