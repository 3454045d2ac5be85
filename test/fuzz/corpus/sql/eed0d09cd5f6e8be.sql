-- The tables the check-then-insert tests use. Read through the profile
-- Inputs/schema-profile.yaml (schema-files:) and the SchemaFiles option.
CREATE TABLE customers (
  id    bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name  text NOT NULL
);

CREATE TABLE tags (
  post_id bigint NOT NULL,
  name    text NOT NULL
);
CREATE UNIQUE INDEX tags_post_name ON tags (post_id, name);

-- Unique only among active rows: does not back an insert of any row.
CREATE TABLE slugs (slug text NOT NULL, active boolean NOT NULL);
CREATE UNIQUE INDEX slugs_active ON slugs (slug) WHERE active;
