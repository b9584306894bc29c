"""Entry points: the ``cardstream`` CLI and the composition roots of each process."""
