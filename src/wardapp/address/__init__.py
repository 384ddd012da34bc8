"""住所: normalising registry address spellings and resolving them to towns and points."""
