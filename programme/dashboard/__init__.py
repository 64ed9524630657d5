"""The OCOP programme's figures for promotion staff (shop dashboard)."""
