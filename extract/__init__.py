"""aikg's extract stage: news articles in, typed records out (entities, amounts, power, relations).

It knows nothing of RDF; `graph` consumes its records.
"""

from extract.corpus import iter_article_paths, iter_articles, read_article, read_text_article
from extract.errors import AikgError, ArticleError, FrontMatterError, RegistryError
from extract.pipeline import extract_article, extract_articles
from extract.records import (
    ENTITY_TYPES,
    PREDICATES,
    STATUSES,
    Amount,
    Article,
    Copy,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Power,
    Relation,
)

__all__ = [
    "ENTITY_TYPES",
    "PREDICATES",
    "STATUSES",
    "AikgError",
    "Amount",
    "Article",
    "ArticleError",
    "Copy",
    "Entity",
    "Evidence",
    "Extraction",
    "FrontMatterError",
    "Mention",
    "Power",
    "RegistryError",
    "Relation",
    "extract_article",
    "extract_articles",
    "iter_article_paths",
    "iter_articles",
    "read_article",
    "read_text_article",
]
