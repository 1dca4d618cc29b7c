"""Administrative procedures (thủ tục hành chính): dossiers, steps, letters and working-day deadlines."""
