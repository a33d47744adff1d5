from django.urls import path

from victimsrights.complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("<int:complaint_id>", views.complaint_detail, name="complaint"),
    path("<int:complaint_id>/answer", views.answer, name="answer"),
    path("<int:complaint_id>/conclude", views.conclude, name="conclude"),
]
