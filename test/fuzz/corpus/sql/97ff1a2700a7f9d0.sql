insert failed: %s
