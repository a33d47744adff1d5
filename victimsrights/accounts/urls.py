from django.urls import path

from victimsrights.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/code", views.second_factor, name="second-factor"),
    path("sign-out", views.SignOutView.as_view(), name="sign-out"),
    path("enrol", views.enrol, name="enrol"),
    path("", views.home, name="home"),
]
