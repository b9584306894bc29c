"""Training, evaluation and registration of the quality scorer from user feedback.

Its own process: ``service.run_training`` is what the wiring calls when a retrain is requested.
"""
