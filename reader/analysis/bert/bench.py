"""Estimate camel-tools' BERT speed on this CPU without its model.

    python -m reader.analysis.bert.bench [--words 500] [--threads N] [--repeat 3]

Speed does not depend on the weights, only on the shape: we build a
randomly initialised BertForTokenClassification shaped like camel-tools'
``ner-arabert`` (BERT-base: hidden 768, 12 layers, 12 heads, a 64,000-piece
vocabulary), with a WordPiece vocabulary written so that words split into
about 1.5 pieces, as AraBERT's do on news text, and time ``recognize()`` on
an article written for this purpose. Nothing is downloaded or saved.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from pathlib import Path

from reader.analysis.bert.recognizer import BertRecognizer, default_threads

LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]

# Sentences of news-like length (8 to 45 words), written for this benchmark.
SENTENCES = [
    "أعلنت وزارة الصحة في بيان صدر صباح اليوم أن عدد المصابين بالحمى في محافظة البصرة ارتفع إلى ثلاثمئة حالة خلال أسبوع واحد.",
    "وقال المتحدث باسم الوزارة إن الفرق الطبية وصلت إلى القرى المتضررة.",
    "وأضاف أن المستشفيات الحكومية في المدينة استقبلت عشرات المرضى منذ مساء الخميس، وأن الوزارة أرسلت شحنة من الأدوية واللقاحات بالتعاون مع منظمة الصحة العالمية ومكتبها الإقليمي في عمان، مشيرا إلى أن الوضع تحت السيطرة رغم نقص الكوادر في المناطق الريفية البعيدة عن مركز المحافظة.",
    "من جهته دعا رئيس مجلس المحافظة السكان إلى الالتزام بالتعليمات.",
    "وفي سياق متصل، عقد وزير التربية اجتماعا مع مديري المدارس في بغداد لبحث إجراءات السلامة قبل بدء العام الدراسي الجديد، وأكد أن الدوام سيبدأ في موعده المحدد ما لم تطرأ ظروف استثنائية.",
    "وتشير تقديرات الأمم المتحدة إلى أن نحو مليوني طفل في البلاد يحتاجون إلى مساعدات غذائية عاجلة هذا العام.",
    "وكانت الحكومة قد أقرت الشهر الماضي خطة طوارئ بقيمة خمسة ملايين دولار لتحسين شبكات المياه والصرف الصحي في الأحياء الشعبية التي تضررت من الفيضانات الأخيرة، غير أن المعارضة انتقدت بطء التنفيذ وطالبت بنشر تفاصيل العقود الموقعة مع الشركات المحلية والأجنبية.",
    "ويتوقع خبراء أن تتحسن الأوضاع مع حلول فصل الشتاء.",
]


def article(words: int) -> str:
    """About ``words`` words: the sentences above, repeated, one paragraph each."""
    lines: list[str] = []
    count = 0
    for sentence in itertools.cycle(SENTENCES):
        if count >= words:
            break
        lines.append(sentence)
        count += len(sentence.split())
    return "\n".join(lines)


def write_vocab(folder: Path, text: str) -> Path:
    """A vocabulary splitting long words in two pieces and keeping short ones
    whole (about 1.5 pieces a word). Returns the vocab file."""
    from transformers import BertTokenizer

    letters = [chr(c) for c in range(0x0621, 0x064B)]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *".،,؛:؟!", *letters, *("##" + c for c in letters)]
    path = folder / "vocab.txt"
    path.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    normalize = BertTokenizer(vocab=str(path)).backend_tokenizer.normalizer.normalize_str  # strips diacritics, أ → ا
    pieces: dict[str, None] = {}
    for word in {normalize(w) for w in text.split()}:
        word = word.strip(".،,؛:؟!")
        if len(word) <= 5:
            pieces[word] = None
        else:
            cut = len(word) // 2
            pieces[word[:cut]] = None
            pieces["##" + word[cut:]] = None
    path.write_text("\n".join([*vocab, *(p for p in pieces if p and p not in vocab)]) + "\n", encoding="utf-8")
    return path


def bert_base_shaped(threads: int) -> tuple[BertRecognizer, float]:
    """A random BERT-base-shaped recognizer and the seconds it took to build."""
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertTokenizer

    start = time.perf_counter()
    config = BertConfig(
        vocab_size=64_000,
        hidden_size=768,
        num_hidden_layers=12,
        num_attention_heads=12,
        intermediate_size=3072,
        max_position_embeddings=512,
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    torch.manual_seed(0)
    model = BertForTokenClassification(config)
    with tempfile.TemporaryDirectory() as folder:
        tokenizer = BertTokenizer(vocab=str(write_vocab(Path(folder), "\n".join(SENTENCES))))
    recognizer = BertRecognizer(model, tokenizer, name="random BERT-base", threads=threads)
    return recognizer, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.analysis.bert.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=500, help="words of text to label (default 500)")
    parser.add_argument(
        "--threads", type=int, default=None, help=f"torch threads (default {default_threads()}: all cores but one)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs; the fastest is reported (default 3)")
    args = parser.parse_args(argv)

    from reader.analysis.recognizer import TokenizedText
    from reader.analysis.tokens import split_sentences, tokenize

    def document(text: str) -> TokenizedText:
        tokens = tokenize(text)
        return TokenizedText(text, tokens, split_sentences(text, tokens))

    recognizer, build_s = bert_base_shaped(args.threads or default_threads())
    recognizer.recognize(document(SENTENCES[0]))  # warm-up: first-call allocations
    text = article(args.words)
    doc = document(text)
    tokens = doc.tokens
    pieces = recognizer._word_pieces({t.text for t in tokens})
    n_pieces = sum(len(pieces[t.text]) for t in tokens)

    runs = []
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        steps = sum(1 for _ in recognizer.recognize_iter(doc))
        runs.append((time.perf_counter() - start, time.process_time() - start_cpu))
    seconds, cpu = min(runs)  # the run least disturbed by other processes
    n_words = len(text.split())
    print(f"model: random BERT-base-shaped (built in {build_s:.1f} s), {recognizer.threads} torch thread(s)")
    print(
        f"text: {n_words} words, {len(tokens)} tokens, {n_pieces} wordpieces ({n_pieces / len(tokens):.2f} per token), {len(doc.sentences)} sentences"
    )
    print(
        f"BERT names  {n_words / seconds:8.0f} words/s  "
        f"(best of {len(runs)}: {seconds:.2f} s, {steps} batches, {seconds / steps:.2f} s per batch)"
    )
    # On a busy machine wall time also measures the other processes; CPU time
    # spread over the threads estimates the idle machine (exact for 1 thread,
    # an upper bound for more).
    print(f"idle estimate {n_words * recognizer.threads / cpu:6.0f} words/s  ({cpu:.2f} s of CPU time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
