"""Fixtures shared by every test: a small world of two organisations in one municipality (plus a
third department elsewhere) and the named personas of conventions.md."""

import os
from dataclasses import dataclass

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM must be allowed there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _media_per_worker(tmp_path_factory):
    """Files that tests write (uploads, case attachments, import files) go to a directory of
    this test process, never to var/: parallel workers (pytest-xdist) must not share them.
    Tests that look at the files override PRIVATE_MEDIA_ROOT again with their own tmp_path."""
    from django.test.utils import override_settings

    root = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=root / "public", PRIVATE_MEDIA_ROOT=root / "private"):
        yield


@pytest.fixture(autouse=True)
def _danish_by_default():
    """Every test starts in Danish, the site's language. A request in English (cookie or
    /sprog/) leaves English active in the thread, which would otherwise leak into the next test."""
    from django.utils import translation

    translation.activate("da")
    yield
    translation.activate("da")


def restore_migration_data() -> None:
    """Data migrations load the 98 municipalities and the screening's indicators (with legend
    v1, weights v1 and the global policy) and the catalogue (LBF periods, areas, 30
    interventions). Transactional tests flush the database after each
    test, migration data included, so a later transactional test must load them again."""
    from importlib import import_module

    from django.apps import apps

    from boligsocial.organisations.models import Municipality, Region
    from boligsocial.organisations.reference import load_municipalities
    from boligsocial.screening.models import Indicator

    if Municipality.objects.count() != 98:
        load_municipalities(Region, Municipality)
    # Ask for one of the screening's own indicators, not for any: re-applied migrations of a
    # later app (analyses' vulnerability_score) may have made another one already.
    if not Indicator.objects.filter(code="outside_work_education").exists():
        for migration in ("0002_seed_indicators", "0006_house_rule_cases_indicator"):
            import_module(f"boligsocial.screening.migrations.{migration}").seed(apps, None)
    from boligsocial.catalogue.models import Intervention

    if not Intervention.objects.exists():
        import_module("boligsocial.catalogue.migrations.0002_seed_catalogue").seed(apps, None)
    # The guides (issue 14) and the vulnerability indicator; each seed skips what exists.
    import_module("boligsocial.guides.migrations.0002_seed_guides").seed(apps, None)
    import_module("boligsocial.analyses.migrations.0003_vulnerability_indicator").seed(apps, None)
    # The resident surveys' two guides and the safety indicator (issue 15); both skip what exists.
    import_module("boligsocial.surveys.migrations.0002_seed_guides").seed(apps, None)
    import_module("boligsocial.surveys.migrations.0003_safety_indicator").seed(apps, None)
    import_module("boligsocial.plans.migrations.0003_reports_and_comments").seed(apps, None)
    # The coordination's target groups (issue 17); the seed skips what exists.
    import_module("boligsocial.coordination.migrations.0002_seed_target_groups").seed(apps, None)
    # The price table of unit costs (issue 18); the seed skips what exists.
    import_module("boligsocial.reports.migrations.0003_seed_unit_prices").seed(apps, None)


@pytest.fixture(autouse=True)
def _fresh_indicator_keys():
    """The stored lights' cells name indicators by id (`screening.fields.INDICATOR_KEYS`, which
    relies on an id naming one indicator for good). Test databases break that: rolled-back
    tests and flushed transactional tests give the same ids to other indicators, sometimes
    without a signal (bulk_create). Each test starts with the pairs unread."""
    from boligsocial.screening.fields import INDICATOR_KEYS

    INDICATOR_KEYS.forget()


# Tables a flush keeps: what migrations and post_migrate make and nothing changes in a test.
# Keeping them lets the flush skip post_migrate (content types, permissions: ~0.5 s a flush).
_FLUSH_KEEPS = frozenset({"django_migrations", "django_content_type", "auth_permission"})
_PRISTINE: list = []  # [_Snapshot] of every other table's rows as migrated, once per process


def _pristine_snapshot():
    """Every row the migrated database holds outside `_FLUSH_KEEPS` (the migration data: the 98
    municipalities, indicators, catalogue, guides, target groups, price table, ...), read once,
    the first time a transactional test starts (the database is as migrated then: tests before
    it rolled back or were flushed and restored)."""
    from django.db import connection

    if not _PRISTINE:
        tables = []
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            if table not in _FLUSH_KEEPS:
                columns, found = _all_rows(table)
                if found:
                    tables.append((table, columns, found))
        _PRISTINE.append(_Snapshot(tables, None))
    return _PRISTINE[0]


def _flush_fast(self) -> None:
    """TransactionTestCase's flush without post_migrate: every table but `_FLUSH_KEEPS` is
    emptied (as `manage.py flush` does it); the teardown hook below puts the migrated rows back
    from the snapshot. Decision 0045: ~2 s → ~0.5 s a transactional test on PostgreSQL."""
    from django.db import connections

    for name in self._databases_names(include_mirrors=False):
        _empty_tables(connections[name])


def _empty_tables(connection) -> None:
    from django.core.management.color import no_style

    tables = [
        t
        for t in connection.introspection.django_table_names(only_existing=True)
        if t not in _FLUSH_KEEPS
    ]
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))


def _restore_pristine() -> None:
    from django.db import connection, transaction

    if not _PRISTINE:  # no snapshot in this process yet: the seeds (they skip what exists)
        restore_migration_data()
        return
    snapshot = _PRISTINE[0]
    if snapshot.tables:
        # A transactional test that was skipped or failed before its database was set up flushed
        # nothing (SQLite skips the two concurrency tests): its rows are still there, and putting
        # them back would meet them. One row of the first table tells.
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {quote(snapshot.tables[0][0])} LIMIT 1")  # noqa: S608
            if cursor.fetchone() is not None:
                return
    with transaction.atomic():  # foreign keys are checked at the commit, in any table order
        snapshot.restore()


@pytest.fixture(scope="session", autouse=True)
def _fast_transactional_flush():
    from django.test import TransactionTestCase

    original = TransactionTestCase._fixture_teardown
    TransactionTestCase._fixture_teardown = _flush_fast
    yield
    TransactionTestCase._fixture_teardown = original


@pytest.fixture
def migration_data(transactional_db):
    """The migration data, as migrated (restored after every flush; taken on first use)."""
    _pristine_snapshot()


class FreshDatabase:
    """An empty database beside the test database, migrated forward to what a test names."""

    def migrate(self, targets):
        """Migrate to `targets` ((app, name); name None: none of the app's migrations) and
        return the historical apps there."""
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        MigrationExecutor(connection).migrate(targets)
        nodes = [target for target in targets if target[1] is not None]
        return MigrationExecutor(connection).loader.project_state(nodes).apps

    @staticmethod
    def latest(app: str) -> list[tuple[str, str]]:
        from django.db import connection
        from django.db.migrations.loader import MigrationLoader

        graph = MigrationLoader(connection, ignore_no_migrations=True).graph
        return [node for node in graph.leaf_nodes() if node[0] == app]


@pytest.fixture
def fresh_database(db, tmp_path):
    """A migration test's own database: empty, on the same engine (a file beside the test's
    tmp_path on SQLite, a new database on PostgreSQL), standing in as the "default" connection
    for the test, so historical models and data migrations use it unchanged. Going *forward*
    from nothing to an old migration applies only what that migration depends on; going back on
    the test database unapplied every later migration of every app and cost a migration test a
    minute, and the next test on the process another half minute to migrate to the end again."""
    from django.db import connections
    from django.db.utils import load_backend

    original = connections["default"]
    settings_dict = {**original.settings_dict}
    if original.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "migrations.sqlite3")
    else:
        settings_dict["NAME"] = f"{original.settings_dict['NAME']}_migrations"
        with original._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
    fresh = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections["default"] = fresh
    try:
        yield FreshDatabase()
    finally:
        fresh.close()
        connections["default"] = original
        if original.vendor != "sqlite":
            with original._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')


_DB_BLOCKER = pytest.StashKey[object]()


@pytest.fixture(scope="session", autouse=True)
def _remember_db_blocker(request, django_db_blocker):
    request.config.stash[_DB_BLOCKER] = django_db_blocker


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker is not None and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(fixtures)
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by flushing the database, migration data included. Load the
    data again right after the flush, so the next test on this process finds the database as
    migrated, whatever kind it is: under pytest-xdist a worker may get a non-transactional test
    after a transactional one (pytest-django's ordering holds only within one process's share).
    Not after the process's last test: its teardown has removed the test database already."""
    result = yield
    blocker = item.config.stash.get(_DB_BLOCKER, None)
    if nextitem is not None and blocker is not None and _is_transactional(item):
        with blocker.unblock():
            _restore_pristine()
    return result


@pytest.fixture(autouse=True)
def _migration_data_in_transactional_tests(request):
    if _is_transactional(request.node):
        request.getfixturevalue("migration_data")


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests run with DEBUG off but without `collectstatic`: serve static files unhashed.

    WhiteNoise looks a static file up when it is asked for (autorefresh) instead of reading
    every vendored file when its middleware starts: the middleware starts once per test
    client, and that scan cost about 0.1 s per client, a third of the access matrix's time."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, request):
    """Argon2 is deliberately slow; tests that check the production hasher opt out with
    `@pytest.mark.argon2`."""
    if "argon2" not in request.keywords:
        settings.PASSWORD_HASHERS = FAST_HASHERS


@dataclass
class World:
    org_a: object
    org_b: object
    dept_a1: object
    dept_a2: object
    dept_b1: object
    dept_b_other: object  # organisation B's department in another municipality (Aalborg)
    area_shared: object  # spans dept_a1 and dept_b1
    area_a2: object
    area_other: object
    lease_a1: object
    lease_a2: object
    lease_b1: object


def build_world() -> World:
    """The shared world (see the module docstring); the `world` fixture and module-scoped
    fixtures (tests/test_access_matrix.py) build it with this."""
    from boligsocial.organisations.tests.factories import (
        AreaFactory,
        DepartmentFactory,
        LeaseFactory,
        OrganisationFactory,
        municipality,
    )

    org_a = OrganisationFactory(name="Boligselskabet Alfa")
    org_b = OrganisationFactory(name="Boligforeningen Beta")
    dept_a1 = DepartmentFactory(organisation=org_a, number=1, name="Alfaparken")
    dept_a2 = DepartmentFactory(organisation=org_a, number=2, name="Alfahaven")
    dept_b1 = DepartmentFactory(organisation=org_b, number=1, name="Betagården")
    dept_b_other = DepartmentFactory(
        organisation=org_b,
        number=2,
        name="Betabakken",
        municipality=municipality(851),
        postal_code="9000",
        city="Aalborg",
    )
    area_shared = AreaFactory(name="Fællesområdet")
    area_shared.departments.set([dept_a1, dept_b1])
    area_a2 = AreaFactory(name="Haveområdet")
    area_a2.departments.set([dept_a2])
    area_other = AreaFactory(name="Nordområdet", municipality=municipality(851))
    area_other.departments.set([dept_b_other])
    return World(
        org_a=org_a,
        org_b=org_b,
        dept_a1=dept_a1,
        dept_a2=dept_a2,
        dept_b1=dept_b1,
        dept_b_other=dept_b_other,
        area_shared=area_shared,
        area_a2=area_a2,
        area_other=area_other,
        lease_a1=LeaseFactory(department=dept_a1, address="Alfavej 1", unit="st. tv."),
        lease_a2=LeaseFactory(department=dept_a2, address="Havevej 2", unit="1. th."),
        lease_b1=LeaseFactory(department=dept_b1, address="Betavej 3", unit=""),
    )


class _Snapshot:
    """The rows a builder inserted (table by table, in the order it inserted them) and a copy of
    the objects it returned, so that the next test gets the same rows by a few bulk inserts
    instead of ~200 ORM queries and history signals (decision 0045: about a sixth of the suite's
    time went to building the world and the personas for every test)."""

    def __init__(self, tables, objects):
        self.tables, self.objects = tables, objects

    def restore(self):
        """The rows again, under their own ids, and a fresh copy of the objects."""
        import copy

        from django.db import connection

        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table, columns, rows in self.tables:
                # the names are the models' own tables and columns, read from the database
                names, marks = ", ".join(map(quote, columns)), ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"  # noqa: S608
                # values go back as they were read (Django reads jsonb as its text)
                cursor.executemany(sql, rows)
        return copy.deepcopy(self.objects)


def _all_rows(table: str) -> tuple[list[str], list[tuple]]:
    """(column names, rows) of a model's table, as the database driver reads them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return [c[0] for c in cursor.description], cursor.fetchall()


def _take_snapshot(build):
    """Run `build` in a savepoint, read the rows it inserted, roll it back: (snapshot, result).
    The caller restores the snapshot to use it (the same rows and ids as the build made)."""
    import copy
    import re

    from django.apps import apps
    from django.db import connection, transaction

    pk_of = {
        m._meta.db_table: m._meta.pk.column for m in apps.get_models(include_auto_created=True)
    }
    # SQLite adds many-to-many rows with "INSERT OR IGNORE INTO" (PostgreSQL: ON CONFLICT)
    insert = re.compile(r'\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+"?(\w+)"?', re.IGNORECASE)
    order: list[str] = []

    def watch(execute, sql, params, many, context):
        m = insert.match(sql)
        # rows of models only: the shared cache's table (a picture's version bumped by a
        # signal) is left out, its entries are rebuilt when asked for
        if m and m.group(1) in pk_of and m.group(1) not in order:
            order.append(m.group(1))
        return execute(sql, params, many, context)

    def rows(table):
        columns, found = _all_rows(table)
        return columns, {r[columns.index(pk_of[table])]: r for r in found}

    with transaction.atomic():  # a savepoint in a test's transaction, else a transaction
        with connection.execute_wrapper(watch):
            result = build()
        after = {table: rows(table) for table in order}
        transaction.set_rollback(True)
    tables = []
    for table in order:
        columns, now = after[table]
        _columns, before = rows(table)
        new = [row for pk, row in sorted(now.items()) if pk not in before]
        if new:
            tables.append((table, columns, new))
    return _Snapshot(tables, copy.deepcopy(result))


_SNAPSHOTS: dict[str, _Snapshot] = {}


def _built_or_restored(key: str, build):
    """`build()` through its snapshot: taken by the first test of this process that asks, then
    restored. A restore that fails (the test's own rows came first and clash) falls back to
    building, in a savepoint, so the test sees the same as before."""
    from django.db import IntegrityError, transaction

    if key not in _SNAPSHOTS:
        _SNAPSHOTS[key] = _take_snapshot(build)
    try:
        with transaction.atomic():
            return _SNAPSHOTS[key].restore(), True
    except IntegrityError:
        return build(), False


@pytest.fixture
def world(db, request) -> World:
    built, restored = _built_or_restored("world", build_world)
    request.node.stash[_WORLD_RESTORED] = restored
    return built


_WORLD_RESTORED = pytest.StashKey[bool]()


PERSONAS = (
    "anonymous",
    "admin",
    "staff_a",
    "head_a",
    "board_a",
    "dept_board_a1",
    "caretaker_a",
    "staff_b",
    "municipal",
    "nobody",
)


def build_personas(world) -> dict:
    """username -> User for every persona (None for anonymous)."""
    from boligsocial.organisations.models import Membership
    from boligsocial.organisations.roles import Role
    from boligsocial.organisations.tests.factories import UserFactory, municipality

    def user(name, role=None, **scope):
        u = UserFactory(username=name.replace("_", "-"))
        if role:
            Membership.objects.create(user=u, role=role, **scope)
        return u

    admin = user("admin", Role.ADMIN)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return {
        "anonymous": None,
        "admin": admin,
        "staff_a": user("staff_a", Role.SOCIAL_STAFF, organisation=world.org_a),
        "head_a": user("head_a", Role.SOCIAL_HEAD, organisation=world.org_a),
        "board_a": user("board_a", Role.ORG_BOARD, organisation=world.org_a),
        # Not in PERSONAS (the apps' per-persona tables); in the matrix (access_rows/common.py).
        "management_a": user("management_a", Role.ORG_MANAGEMENT, organisation=world.org_a),
        "dept_board_a1": user("dept_board_a1", Role.DEPT_BOARD, department=world.dept_a1),
        "caretaker_a": user("caretaker_a", Role.CARETAKER, organisation=world.org_a),
        "staff_b": user("staff_b", Role.SOCIAL_STAFF, organisation=world.org_b),
        "municipal": user("municipal", Role.MUNICIPAL, municipality=municipality(751)),
        "nobody": user("nobody"),  # logged in, no membership
    }


@pytest.fixture
def personas(world, request) -> dict:
    """From the snapshot when the world is (its rows point at the world's ids) and the test
    keeps the fast password hasher (the snapshot's hashes are MD5)."""
    if request.node.stash.get(_WORLD_RESTORED, False) and "argon2" not in request.keywords:
        return _built_or_restored("personas", lambda: build_personas(world))[0]
    return build_personas(world)


@pytest.fixture
def client_for(client, personas):
    """client_for("staff_a") -> a test client logged in as that persona."""
    return lambda name: client_as(personas, name)


def client_as(personas: dict, name: str):
    """A test client logged in as the persona `name` (anonymous: not logged in)."""
    from django.test import Client

    c = Client()
    if personas[name] is not None:
        c.force_login(personas[name])
    return c


def pytest_sessionstart(session):
    """In CI (`REQUIRE_POSTGRES=1`, set by .ci/run) refuse to run against anything else."""
    from django.conf import settings

    if os.environ.get("REQUIRE_POSTGRES") and (
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
    ):
        pytest.exit("REQUIRE_POSTGRES is set but DATABASE_URL is not PostgreSQL", returncode=3)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Under `--dist loadgroup` pytest-xdist keeps a group on one worker by adding `@group` to
    each marked test's node id. When it cannot (pytest 9.2 keeps the id where xdist 3.8 does not
    write it), the groups are silently spread over the workers and every module fixture they
    share (the access matrix's world, the seeded demo) is built on each: fail instead."""
    if not os.environ.get("PYTEST_XDIST_WORKER") or not getattr(config.option, "loadgroup", False):
        return  # not a worker of `--dist loadgroup` (xdist sets the option in its workers)
    lost = [
        item.nodeid
        for item in items
        if item.get_closest_marker("xdist_group") is not None and "@" not in item.nodeid
    ]
    if lost:
        raise pytest.UsageError(
            f"pytest-xdist did not group {len(lost)} tests marked xdist_group (first: {lost[0]})"
        )
