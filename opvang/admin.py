"""The Django admin: for technical superusers only (``createsuperuser``).

Functional administrators use the app's own pages (the administration app); ``is_staff``
alone does not open the admin, so a staff flag set by mistake grants nothing.
"""

from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Location, Organisation, TrainingRecord, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "municipality", "capacity_places", "is_active"]
    list_filter = ["kind", "organisation", "is_active"]
    search_fields = ["name", "municipality"]


class TrainingInline(admin.TabularInline):
    model = TrainingRecord
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
    fieldsets = tuple(BaseUserAdmin.fieldsets or ()) + (
        (_("Organisation and role"), {"fields": ("organisation", "role", "locations")}),
    )
    filter_horizontal = ["locations", "groups", "user_permissions"]
    inlines = [TrainingInline]


def superusers_only(request: HttpRequest) -> bool:
    return request.user.is_active and request.user.is_superuser


# Django's documented way to limit the admin site; the stubs declare has_permission a method.
admin.site.has_permission = superusers_only  # type: ignore[method-assign]

# The audit log is read-only everywhere, also for superusers.
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ReadOnlyLogEntryAdmin(admin.ModelAdmin):
    list_display = ["timestamp", "actor", "action", "content_type", "object_repr", "remote_addr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
