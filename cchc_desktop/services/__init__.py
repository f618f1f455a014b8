"""Use cases called by the GUI and the CLI alike. Mutating calls return what changed."""
