import gc

import pytest

from boligsocial.core.memory import paused_gc


@pytest.fixture
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_in_the_block_and_on_again_after_it(collector_on):
    with paused_gc():
        assert gc.isenabled() is False
    assert gc.isenabled() is True


def test_the_collector_is_on_again_after_an_exception(collector_on):
    with pytest.raises(ValueError, match="stop"), paused_gc():
        assert gc.isenabled() is False
        raise ValueError("stop")
    assert gc.isenabled() is True


def test_a_block_inside_another_leaves_the_collector_off_until_the_outer_block_ends(collector_on):
    with paused_gc():
        with paused_gc():
            assert gc.isenabled() is False
        assert gc.isenabled() is False
    assert gc.isenabled() is True


def test_a_collector_that_was_off_stays_off(collector_on):
    gc.disable()
    with paused_gc():
        assert gc.isenabled() is False
    assert gc.isenabled() is False
