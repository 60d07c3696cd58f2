from django.urls import path

from arena.notifications import views

urlpatterns = [
    path("", views.notification_list, name="notification-list"),
    path("lest/", views.mark_read, name="notification-read-all"),
    path("<int:pk>/lest/", views.mark_read, name="notification-read"),
    path("innstillinger/", views.preferences, name="notification-preferences"),
]
