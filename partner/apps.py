import oscar.apps.partner.apps as apps


class PartnerConfig(apps.PartnerConfig):
    """Oscar's partner app: a Partner is an OCOP producer (chủ thể OCOP)."""

    name = "partner"
