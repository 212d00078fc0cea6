"""The office's own localities: a place of origin the program does not know, assigned to a gmina.

Revision ID: 0008_localities
Revises: 0005_gminas

Each row belongs to a batch (one addition on the import page; undo removes it); the newest batch's
pair for a locality is the one in force. The pairs are applied when files are read for import
(``analysis.reading.normalise``): rows already stored keep the gmina they were counted in.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_localities"
down_revision = "0007_secret_ballot"


def upgrade() -> None:
    op.create_table(
        "localities",
        sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False,
                  index=True),  # ix_localities_batch_id, as in the schema
        sa.Column("key", sa.String(120), nullable=False),  # vocabulary.locality_key of the name
        sa.Column("locality", sa.Text, nullable=False),  # the name as the office wrote it
        sa.Column("gmina", sa.String(16), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("localities")
