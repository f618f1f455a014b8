"""The user guide (docs/guide/huong-dan-su-dung.md) in a window of its own, opened with F1."""
