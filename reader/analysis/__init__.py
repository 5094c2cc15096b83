"""Text → Analysis: tokens, recognizers, figures, consistency, grouping (``pipeline``).

Importing the package installs the import hook that serves camel-tools'
character sets from the user's cache (``camel_charsets``): half a second off
every start of the analysis.
"""

from reader.analysis.camel_charsets import install

install()
