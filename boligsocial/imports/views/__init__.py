"""The import pages: choosing what to import and uploading it (`pages`), one import's progress,
preview, confirmation, result and undo (`batches`), and the old URLs (`legacy`)."""
