# Registers Oscar's ModelAdmins of the address app (Django imports only address.admin).
import oscar.apps.address.admin  # noqa: F401
