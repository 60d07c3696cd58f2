"""URLs of arena.reporting."""

urlpatterns = []
