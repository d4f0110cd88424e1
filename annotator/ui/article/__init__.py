"""The article room: the read-only article widget both desks show, and its painters."""
