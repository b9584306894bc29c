"""Stream processors around pure engines: OCR, card generation, quality scoring, rollout."""
