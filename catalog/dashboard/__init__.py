"""The catalogue's back-office pages of our own: the moderation queue of producers' listings,
the OCOP certificates and the evaluation requests. Oscar's product editor stays in the Oscar
fork `dashboard.catalogue`."""
