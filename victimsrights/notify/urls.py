from django.urls import path

from victimsrights.notify import views

app_name = "notify"
urlpatterns = [
    path("callback", views.notify_callback, name="callback"),
    path("letters", views.letters, name="letters"),
]
