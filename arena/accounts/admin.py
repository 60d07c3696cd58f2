"""Admin for single sign-on identities: see who signed in with which provider id, link an existing account to
an Entra ID person (issuer + oid; never by e-mail), or remove a link."""

from django.contrib import admin

from arena.accounts.models import OidcIdentity, OidcRoleGrant


class OidcRoleGrantInline(admin.TabularInline):
    model = OidcRoleGrant
    extra = 0
    can_delete = False
    readonly_fields = ["unit_role"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OidcIdentity)
class OidcIdentityAdmin(admin.ModelAdmin):
    list_display = ["user", "oid", "issuer", "last_sign_in"]
    search_fields = ["user__username", "user__email", "oid"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "last_sign_in"]
    inlines = [OidcRoleGrantInline]
