"""The API's permission check: the register's `Access`, asked exactly as the pages ask it."""

from rest_framework import permissions

from arena.register.permissions import Access


class AccessPermission(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        access = Access.of(request.user)
        if not access.can_use_api():
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        if view.action in getattr(view, "workflow_actions", ()):
            return True  # the step's domain function asks Access (and says why not)
        resource = getattr(view, "resource", None)
        if resource is None or not resource.writable:
            return False
        if view.action == "create":
            return access.can_create(resource.model)
        return True  # changes and deletions are asked per record

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS or view.action in getattr(view, "workflow_actions", ()):
            return True
        access = Access.of(request.user)
        return access.can_delete(obj) if view.action == "destroy" else access.can_change(obj)
