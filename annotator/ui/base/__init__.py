"""What every room of the window builds on: background tasks, the write queue, the tokenizer loader, table models."""
