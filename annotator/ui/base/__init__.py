"""What every room of the window builds on: background tasks, the tokenizer loader, table models."""
