"""Alembic's environment: migrations run on the store's own connection, inside its write transaction.

``analysis.store.migrate`` hands the connection over (``config.attributes["connection"]``) after
taking the store's write lock, so a migration and the check that it is needed are one decision,
and a failed migration rolls back with everything else (nothing half-changed).
"""

from alembic import context

from analysis.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  transaction_per_migration=False)
with context.begin_transaction():  # a no-op: the store's transaction is already open
    context.run_migrations()
