"""Log review (loggkontroll) for auditors: samples, targeted checks, review
records, breach query."""
