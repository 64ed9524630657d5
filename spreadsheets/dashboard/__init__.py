"""A producer's listings as a spreadsheet, in its dashboard: export and import."""
