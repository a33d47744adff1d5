from django.urls import path

from victimsrights.plans import views

app_name = "plans"
published = "plans/<slug:area_code>/<int:year>"
drafting = "staff/plans/<slug:area_code>/<int:year>"
urlpatterns = [
    path("plans/", views.index, name="index"),
    path(f"{published}/", views.plan, name="plan"),
    path(f"{published}/version-<int:number>/", views.version, name="version"),
    path(f"{published}/version-<int:number>.pdf", views.pdf, name="pdf"),
    path(f"{published}/version-<int:number>.csv", views.csv, name="csv"),
    path(f"{published}/boroughs/<slug:ons_code>/", views.borough, name="borough"),
    path(f"{published}/data/datapackage.json", views.open_data_package, name="data-package"),
    path(f"{published}/data/figures.csv", views.open_data_csv, name="data-csv"),
    path(f"{published}/data/figures.json", views.open_data_json, name="data-json"),
    path("staff/plans/", views.drafts, name="drafts"),
    path(f"{drafting}/", views.draft, name="draft"),
    path(f"{drafting}/narrative", views.narrative, name="narrative"),
    path(f"{drafting}/commitments", views.commitment, name="commitment"),
    path(f"{drafting}/commitments/<int:commitment_id>/remove", views.commitment_remove, name="commitment-remove"),
    path(f"{drafting}/comments", views.comment, name="comment"),
    path(f"{drafting}/publish", views.publish, name="publish"),
]
