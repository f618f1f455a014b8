"""Plain-Python rules of the counter: working time, deadlines, dossier states, identifiers, statistics.

Nothing here imports Qt, SQL or ReportLab, nor any other package of this project.
"""
