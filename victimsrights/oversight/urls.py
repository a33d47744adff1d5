from django.urls import path

from victimsrights.oversight import views

app_name = "oversight"
urlpatterns = [
    path("dashboard", views.dashboard, name="dashboard"),
    path("dashboard/count", views.dashboard_count, name="dashboard-count"),
    path("audit-log", views.audit_log, name="audit"),
    path("audit-log/verify", views.verify_audit_log, name="audit-verify"),
]
urlpatterns += [
    path("samples", views.samples, name="samples"),
    path("samples/<int:sample_id>", views.sample_detail, name="sample"),
    path("samples/<int:sample_id>/<int:record_id>/finding", views.finding, name="finding"),
]
urlpatterns += [
    path("recommendations", views.recommendations, name="recommendations"),
    path("recommendations/<int:recommendation_id>/answer", views.recommendation_respond, name="recommendation-respond"),
]
urlpatterns += [path("feedback", views.feedback_words, name="feedback")]
