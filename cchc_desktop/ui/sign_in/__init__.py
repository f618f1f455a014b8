"""Signing in at the window: the sign-in dialog (at start and over a locked window), the idle lock and
the username remembered on this computer."""
