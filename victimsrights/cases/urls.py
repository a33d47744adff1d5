from django.urls import path

from victimsrights.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("<int:case_id>", views.case_detail, name="case"),
    path("<int:case_id>/take", views.take, name="take"),
    path("<int:case_id>/update", views.publish_update, name="update"),
    path("<int:case_id>/hearing", views.add_hearing, name="hearing"),
    path("<int:case_id>/outcome", views.record_outcome, name="outcome"),
    path("<int:case_id>/reply", views.reply, name="reply"),
    path("<int:case_id>/event", views.record_event, name="event"),
    path("<int:case_id>/enhanced-rights", views.give_enhanced_rights, name="enhanced-rights"),
    path("<int:case_id>/update-frequency", views.agree_update_frequency, name="update-frequency"),
    path("<int:case_id>/property", views.add_property, name="property"),
    path("<int:case_id>/property/status", views.change_property, name="property-status"),
]
