import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# What the app loaded lives as long as the process: left out of the garbage collector's full
# collections, which otherwise walk it all (~260,000 objects, 100–250 ms on a 2-core machine)
# whenever a request keeps many new objects, e.g. the coordination picture (decision 0047).
gc.collect()
gc.freeze()
