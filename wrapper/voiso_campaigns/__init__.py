"""voiso-campaigns."""
