"""Helpers for tests and demonstrations that need no connection.

- :mod:`widgets_llm.testing.local_hub`: a small Hugging Face Hub on 127.0.0.1 serving model
  folders under their real ids, with knobs to slow transfers down or cut them.
- :mod:`widgets_llm.testing.replicas`: tiny random-weight replicas of every catalog model,
  with the same files on disk as the real checkpoints (``build_replica``,
  ``build_all_replicas``, ``REPLICA_SPECS``), built offline in seconds.

Nothing here is imported by the engine or the widgets.
"""
