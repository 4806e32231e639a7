"""AVG rights and the NEN 7513 access history (mounted under /network/privacy/, namespace 'network')."""

urlpatterns: list = []
