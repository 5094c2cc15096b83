"""The analysis as Qt signals: ``AnalysisWorker`` over ``reader.jobs.JobRunner``, the ``ArticleSession``, the BERT stage."""
