"""Alembic's environment: migrations run on the store's own connection, inside its write transaction.

``analysis.store.migrate`` hands the connection over (``config.attributes["connection"]``) after
taking the store's write lock, so a migration and the check that it is needed are one decision,
and a failed migration rolls back with everything else (nothing half-changed).
"""

from alembic import context

from analysis.store import migrate

migrate.run(context, context.config.attributes["connection"])
