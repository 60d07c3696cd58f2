"""Single sign-on (OpenID Connect): /oidc/authenticate/ sends the browser to the provider, /oidc/callback/ is
the redirect URI registered there. Both answer 404 while single sign-on is not configured."""

from django.urls import path

from arena.accounts import oidc

urlpatterns = [
    path("authenticate/", oidc.SignInView.as_view(), name="oidc_authentication_init"),
    path("callback/", oidc.CallbackView.as_view(), name="oidc_authentication_callback"),
]
