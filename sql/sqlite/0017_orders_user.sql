-- The signed-in user who placed an order (order-entry needs one; README, Users of applications). NULL for orders placed
-- before sign-in existed, or by an application that lets anonymous users order.
ALTER TABLE orders ADD COLUMN user_name TEXT NULL;
