"""Security headers Django itself does not set (the others: SecurityMiddleware, XFrameOptionsMiddleware and
django-csp's CSPMiddleware, configured in settings)."""

# Arena uses none of these browser features; refuse them to every page and anything it might embed.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
