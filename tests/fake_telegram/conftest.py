# Makes the fixtures available to the tests in this folder. Other test folders can do the same,
# or list "tests.fake_telegram.server" in pytest_plugins of the root conftest.py.
from .server import fake_telegram, fake_telegram_server

__all__ = ["fake_telegram", "fake_telegram_server"]
