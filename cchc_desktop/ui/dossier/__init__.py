"""One dossier: its details and timeline, the next legal steps and their small forms."""
