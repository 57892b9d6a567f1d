"""Search: one interface, two engines (embedded tantivy by default, Meilisearch in production)."""
