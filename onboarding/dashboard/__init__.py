"""Onboarding's back-office pages: staff review producers' applications; a producer keeps its
team (the logins of its dashboard)."""
