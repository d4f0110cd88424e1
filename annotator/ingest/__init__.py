"""Article files in (text, Markdown, JSONL/JSON; any common encoding) -> NewArticle values."""
