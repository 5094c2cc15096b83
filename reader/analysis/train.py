"""``python -m reader.analysis.train``: train the offline NER model (see ``reader.analysis.ner.train``)."""

from reader.analysis.ner.train import main

if __name__ == "__main__":
    raise SystemExit(main())
