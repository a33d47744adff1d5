from django.urls import path

from victimsrights.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.start, name="start"),
    path("call-999", views.call_999, name="call-999"),
    path("check-your-answers", views.check_answers, name="check-answers"),
    path("confirmation", views.confirmation, name="confirmation"),
    path("save", views.save, name="save"),
    path("saved", views.saved, name="saved"),
    path("continue", views.resume, name="resume"),
    path("<slug:slug>", views.step, name="step"),
]
