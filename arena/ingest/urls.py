"""URLs of arena.ingest."""

urlpatterns = []
