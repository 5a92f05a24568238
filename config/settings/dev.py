"""Local development and the demo served by `make run`."""

from config.env import env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import AUDIT_CHAIN_KEY

DEBUG = True
DEMO_MODE = True
# A fixed key is fine for a local demo; production refuses to start without one.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
AUDIT_CHAIN_KEY = AUDIT_CHAIN_KEY or "dev-only-audit-chain-key"
