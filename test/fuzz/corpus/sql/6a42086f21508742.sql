update failed: %s
