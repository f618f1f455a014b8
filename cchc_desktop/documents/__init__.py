"""Printed documents: ReportLab only. Input: plain data; output: PDF bytes (also DOCX/XLSX writers)."""
