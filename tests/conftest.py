import os
import tempfile

# the tests never depend on a developer's own limit, data folder, database or password
os.environ.pop("PARTNERSTWO_MAX_UPLOAD_MB", None)
os.environ.pop("PARTNERSTWO_MIN_GROUP_SIZE", None)
for name in ("DATABASE_URL", "PARTNERSTWO_PASSWORD", "PARTNERSTWO_PSEUDONYM_KEY", "PARTNERSTWO_PASSWORD_FOR_VIEWING"):
    os.environ.pop(name, None)
os.environ["PARTNERSTWO_DATA_DIR"] = tempfile.mkdtemp(prefix="partnerstwo-tests-")

# nor on a developer's own .streamlit/secrets.toml
from analysis import config  # noqa: E402

config.SECRETS_FILES = ()
