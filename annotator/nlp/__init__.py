"""The project's tokenizer (spaCy's blank English pipeline), imported lazily: spaCy costs ~2 s."""
