from django.urls import include, path

from victimsrights import health, views
from victimsrights.api.api import api
from victimsrights.portal import sign_in_views as sign_in
from victimsrights.portal import views as portal
from victimsrights.reporting import views as reporting

urlpatterns = [
    path("", views.home, name="home"),
    path("exit", views.exit_page, name="exit"),
    path("language", portal.language_choose, name="set-language"),
    # The victim's sign-in at an address that says nothing, for messages to victims who asked for neutral wording.
    path("sign-in", sign_in.victim_sign_in, name="sign-in"),
    path("continue", reporting.resume, name="continue"),
    path("accessibility", views.accessibility, name="accessibility"),
    path("privacy", views.privacy, name="privacy"),
    path("healthz", health.live, name="health-live"),
    path("readyz", health.ready, name="health-ready"),
    path("report/", include("victimsrights.reporting.urls")),
    path("your-report/", include("victimsrights.portal.urls")),
    path("staff/", include("victimsrights.accounts.urls")),
    path("staff/recording/", include("victimsrights.recording.urls")),
    path("safe-place/", include("victimsrights.safeplaces.urls")),
    path("staff/cases/", include("victimsrights.cases.urls")),
    path("staff/reviews/", include("victimsrights.reviews.urls")),
    path("staff/compliance/", include("victimsrights.compliance.urls")),
    path("staff/complaints/", include("victimsrights.complaints.urls")),
    path("staff/oversight/", include("victimsrights.oversight.urls")),
    path("notify/", include("victimsrights.notify.urls")),
    path("", include("victimsrights.plans.urls")),
    path("api/v1/", api.urls),
]
