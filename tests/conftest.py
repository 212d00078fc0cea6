import os

# the tests never depend on a developer's own limit
os.environ.pop("PARTNERSTWO_MAX_UPLOAD_MB", None)
