"""住民基本台帳 (住基) extract: the canonical CSV, column-mapping profiles, and the importer."""
