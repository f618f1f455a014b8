"""Hệ thống → Danh mục thủ tục: the procedure catalogue as the clerk edits, imports and exports it."""
