DROP TABLE meta_deliveries;
