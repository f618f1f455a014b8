"""Paths, logging, resources and error classes shared by every layer above the domain."""
