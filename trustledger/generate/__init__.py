"""A large, realistic generated organization, written straight into the database.

`model` draws the columns (pure, vectorised, deterministic for a seed), `writer` puts them
into SQLite or PostgreSQL through each database's bulk path, `load` ties the two together.
"""
