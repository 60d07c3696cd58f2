from django.urls import path

from arena.accounts import views

urlpatterns = [
    path("passord/", views.PasswordChangeView.as_view(), name="password-change"),
]
