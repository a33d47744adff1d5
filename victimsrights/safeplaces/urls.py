from django.urls import path

from victimsrights.safeplaces import views

app_name = "safeplace"
urlpatterns = [
    path("", views.home, name="home"),
    path("report", views.report_start, name="report"),
    path("sealed/new", views.sealed_new, name="sealed-new"),
    path("sealed/<uuid:record_id>/created", views.sealed_created, name="sealed-created"),
    path("sealed/<uuid:record_id>", views.sealed_detail, name="sealed"),
    path("matching", views.matching_counts, name="matching"),
    path("sealed/<uuid:record_id>/identifiers", views.sealed_identify, name="sealed-identify"),
    path("sealed/<uuid:record_id>/<slug:action>", views.sealed_action, name="sealed-action"),
    path("reports/<int:report_id>/appeal", views.appeal, name="appeal"),
    path("workers", views.workers, name="workers"),
    path("workers/<int:worker_id>/deactivate", views.worker_deactivate, name="worker-deactivate"),
]
