"""The imports' background task (django-tasks; `manage.py db_worker` runs it). The work is in
`processing`, which enqueues nothing (the enqueueing is `services`): no import circle."""

from django.conf import settings
from django.utils import translation
from django_tasks import task

from boligsocial.imports import processing
from boligsocial.imports.models import ImportBatch


@task()
def run_batch(batch_id: int) -> None:
    """Run the step a batch waits for (check, or write after its confirmation) on its stored
    file; the report is in the language of the user who uploaded or confirmed it."""
    language = (
        ImportBatch.objects.filter(pk=batch_id).values_list("language", flat=True).first()
        or settings.LANGUAGE_CODE
    )
    with translation.override(language):
        processing.run_stored(batch_id)
