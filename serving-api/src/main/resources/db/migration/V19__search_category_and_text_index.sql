-- Search's most common shape is words within a category subtree. With a GIN index on the text alone
-- and a btree on the category, PostgreSQL ANDs two bitmaps, and the text side costs the whole posting
-- list of the word: a brand or style word in 1M products is about 62,000 entries, ~5 ms each search,
-- even when the category holds a thousand products. One GIN index over both columns (btree_gin gives
-- GIN the equality on bigint) lets the scan intersect the two lists and skip through the long one:
-- measured at 1M products, a leaf category with such a word went from 6.3 ms to 1.2 ms, a
-- subcategory from ~7 to 4 ms. Only active products are ever searched. btree_gin is a trusted
-- extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE INDEX products_active_category_search_idx ON products USING GIN (category_id, search_document)
    WHERE is_active;
