"""Training, evaluation and registration of the quality scorer from user feedback.

Its own process. What the wiring calls::

    from retrainer.config import RetrainConfig
    from retrainer.dataset import TrainingExample
    from retrainer.service import apply_decision, run_training

    outcome = run_training(examples, request, RetrainConfig(), tracking_uri)
    if outcome.announcement is not None:      # blessed: registered, alias challenger, 10 %
        produce("model-versions", outcome.announcement)

    decision = policy.decide()                # agents.rollout.RolloutPolicy, on live feedback
    if decision is not None:
        produce("model-versions", apply_decision(client, name, decision))

Modules: ``dataset`` (cleaning, aggregation, split) → ``train`` (loop and search) →
``metrics`` and ``gate`` (blessing) → ``registry`` (MLflow) → ``service`` (one retraining);
``generator`` (optional generator fine-tune); ``simulation`` (simulated users for benches).
"""
