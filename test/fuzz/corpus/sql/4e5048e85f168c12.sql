insert: %s
