-- Bundled applications' catalog (catalog-search, order-entry).
-- price is in cents. stock never goes negative: orders decrement it with a conditional UPDATE (stock >= qty).
CREATE TABLE products (
    id          bigint  NOT NULL PRIMARY KEY,
    name        text    NOT NULL,
    description text    NOT NULL,
    price       bigint  NOT NULL,
    stock       bigint  NOT NULL CHECK (stock >= 0)
);

CREATE TABLE orders (
    id            bigserial   NOT NULL PRIMARY KEY,
    session_id    text        NOT NULL,
    total         bigint      NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_lines (
    order_id    bigint NOT NULL REFERENCES orders (id),
    line_no     int    NOT NULL,
    product_id  bigint NOT NULL REFERENCES products (id),
    quantity    bigint NOT NULL CHECK (quantity > 0),
    unit_price  bigint NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

