"""State-funded S&T tasks (đề tài, dự án, đề án) from proposal to result, built on the councils engine."""
