import os
import tempfile

# the tests never depend on a developer's own limit, data folder, database or password
os.environ.pop("PARTNERSTWO_MAX_UPLOAD_MB", None)
for name in ("DATABASE_URL", "PARTNERSTWO_PASSWORD", "PARTNERSTWO_PSEUDONYM_KEY", "PARTNERSTWO_PASSWORD_FOR_VIEWING"):
    os.environ.pop(name, None)
os.environ["PARTNERSTWO_DATA_DIR"] = tempfile.mkdtemp(prefix="partnerstwo-tests-")

# nor on a developer's own .streamlit/secrets.toml
from analysis import config  # noqa: E402

config.SECRETS_FILES = ()

# nor on where pytest is started from: Streamlit reads .streamlit/config.toml of the working folder,
# and without it the server would listen on every interface (editing off without a password)
from streamlit import config as streamlit_config  # noqa: E402

streamlit_config.get_option("server.address")  # parse the config files now, so they do not override this later
streamlit_config.set_option("server.address", "localhost")
