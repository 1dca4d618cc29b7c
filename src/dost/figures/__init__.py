"""Indicators (chỉ tiêu) and budget tables (dự toán, kinh phí) per organisation and year."""
