from django.urls import path

from victimsrights.compliance import views

app_name = "compliance"
urlpatterns = [
    path("", views.figures, name="figures"),
]
