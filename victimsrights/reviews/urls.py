from django.urls import path

from victimsrights.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("<int:review_id>", views.review_detail, name="review"),
    path("<int:review_id>/take", views.take, name="take"),
    path("<int:review_id>/late", views.late, name="late"),
    path("<int:review_id>/decide", views.decide, name="decide"),
]
