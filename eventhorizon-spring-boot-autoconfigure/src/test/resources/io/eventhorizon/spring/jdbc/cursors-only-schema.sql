CREATE TABLE IF NOT EXISTS eventhorizon_cursors (
    processor     VARCHAR(200)  NOT NULL PRIMARY KEY,
    stream_cursor VARCHAR(1100) NOT NULL
);
