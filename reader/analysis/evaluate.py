"""``python -m reader.analysis.evaluate FILE``: score the offline NER model (see ``reader.analysis.ner.evaluate``)."""

from reader.analysis.ner.evaluate import main

if __name__ == "__main__":
    raise SystemExit(main())
