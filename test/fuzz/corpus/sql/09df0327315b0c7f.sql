-- PostgreSQL schema the shop service expects (the SQLite ledger creates its
-- own tables, see Inventory::createSchema).
CREATE TABLE customers (
  id    bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name  text NOT NULL
);

CREATE TABLE products (
  id    bigserial PRIMARY KEY,
  name  text NOT NULL,
  stock integer NOT NULL CHECK (stock >= 0)
);

CREATE TABLE orders (
  id          bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers(id),
  status      text NOT NULL DEFAULT 'open',
  total_cents bigint NOT NULL DEFAULT 0
);

CREATE TABLE order_lines (
  order_id   bigint NOT NULL REFERENCES orders(id),
  product_id bigint NOT NULL REFERENCES products(id),
  quantity   integer NOT NULL,
  PRIMARY KEY (order_id, product_id)
);

CREATE TABLE order_audit (
  order_id bigint NOT NULL,
  message  text NOT NULL,
  at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE customer_reports (
  customer_id   bigint NOT NULL REFERENCES customers(id),
  revenue_cents bigint NOT NULL,
  at            timestamptz NOT NULL DEFAULT now()
);
