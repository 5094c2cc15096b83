"""The reading area: the article, its highlights, the legend, Find, and walking through mentions (``ReadingArea``)."""
