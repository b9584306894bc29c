"""Training, evaluation and registration of the quality scorer from user feedback.

Its own process. What the wiring calls::

    from retrainer.config import RetrainConfig
    from retrainer.dataset import TrainingExample
    from retrainer.service import answer_for, run_training

    outcome = run_training(examples, request, RetrainConfig(), tracking_uri)
    produce("model-versions", answer_for(request, outcome))  # announced | rejected | ...

    for event in model_versions:              # decided by agents.rollout, on the workers
        registry.record(client, event)        # aliases, rollout tags, audit tag

Modules: ``dataset`` (cleaning, aggregation, split) → ``train`` (loop and search) →
``metrics`` and ``gate`` (blessing) → ``registry`` (MLflow) → ``service`` (one retraining);
``generator`` (optional generator fine-tune); ``simulation`` (simulated users for benches).
"""
