"""The domain's values: a period, a rule, a season of expected progress, a derivation, a plan and its targets."""
