--liquibase formatted sql

--changeset eventhorizon-tests:1
CREATE TABLE eventhorizon_cursors (
    processor     VARCHAR(200)  NOT NULL PRIMARY KEY,
    stream_cursor VARCHAR(1100) NOT NULL
);
