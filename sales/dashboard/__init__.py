"""A producer's sales figures in its dashboard (staff may open any producer's)."""
