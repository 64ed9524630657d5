# Registers Oscar's ModelAdmins of the partner app (Django imports only partner.admin).
import oscar.apps.partner.admin  # noqa: F401
