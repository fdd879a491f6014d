"""Background tasks of the screening app (django-tasks; `manage.py db_worker` runs them)."""

from django.utils import translation
from django_tasks import task

from boligsocial.screening.imports import batches


@task()
def import_batch(batch_id: int, language: str) -> None:
    """Import the stored file of a large screening import (see imports/batches.py); the problems
    are reported in the language of the user who uploaded it."""
    with translation.override(language):
        batches.process_stored(batch_id)
