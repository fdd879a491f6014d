"""Signals of the housing model for other apps."""

from django.dispatch import Signal

# Sent after an import has updated existing rows in bulk, which sends no post_save per row.
# sender: the model; objects: the updated instances; fields: the names of the changed fields.
bulk_updated = Signal()
