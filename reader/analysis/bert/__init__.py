"""camel-tools' BERT NER recognizer, used when its model is installed.

    from reader.analysis.bert import BertUnavailable, bert_available, find_bert_model

    ok, message = bert_available()      # fast: file checks only, for start-up
    try:
        bert = find_bert_model()        # seconds: torch import + weights; keep it
    except BertUnavailable as error:
        print(error)                    # one line: what is missing, how to fix it
    for fraction, spans in bert.recognize_iter(doc):   # cancel between batches
        ...

The model folder is the user's setting (``model_dir``), else the folder named
by ``ARABIC_READER_BERT_DIR``, else camel-tools' ``ner-arabert`` data package
(``camel_data -i ner-arabert``). See docs/bert.md.
"""

from reader.analysis.bert.locate import (
    CAMEL_PACKAGE,
    MODEL_DIR_ENV,
    BertUnavailable,
    ModelLocation,
    bert_available,
    camel_model_dir,
    locate_model,
)
from reader.analysis.bert.recognizer import BertRecognizer, default_threads, find_bert_model

__all__ = [
    "CAMEL_PACKAGE",
    "MODEL_DIR_ENV",
    "BertRecognizer",
    "BertUnavailable",
    "ModelLocation",
    "bert_available",
    "camel_model_dir",
    "default_threads",
    "find_bert_model",
    "locate_model",
]
