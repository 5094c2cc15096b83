"""The offline named-entity recognizer: a CRF trained on ANERcorp.

Public names: ``OfflineRecognizer`` (the app's default ``Recognizer``),
``CrfTagger`` (BIO tags for token strings), ``ModelError``.
"""

from reader.analysis.ner.crf import CrfTagger, ModelError, OfflineRecognizer

__all__ = ["CrfTagger", "ModelError", "OfflineRecognizer"]
