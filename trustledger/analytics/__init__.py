"""The whole-organization engine: every pair, unit pair, person and relationship at once.

Columnar work over a Parquet copy of the interactions (`columnar`), pure frame functions
(`pairs`, `units`, `network`), the trust engine core per relationship (`relationships`),
materialized tables (`models`, `store`) and background jobs (`tasks`). See docs/analytics.md.
"""
