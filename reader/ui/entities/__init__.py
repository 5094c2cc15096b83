"""The entity panel: entities grouped by type, filtered and sorted (``EntityPanel`` over ``EntityTreeModel``)."""
