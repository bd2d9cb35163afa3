CREATE TABLE IF NOT EXISTS eventhorizon_cursors (
    processor     VARCHAR(200)  NOT NULL PRIMARY KEY,
    stream_cursor VARCHAR(1100) NOT NULL
);

CREATE TABLE IF NOT EXISTS eventhorizon_tree_cursors (
    processor VARCHAR(200)  NOT NULL,
    stream    VARCHAR(1100) NOT NULL,
    version   BIGINT        NOT NULL,
    PRIMARY KEY (processor, stream)
);

CREATE TABLE IF NOT EXISTS eventhorizon_tree_positions (
    processor VARCHAR(200) NOT NULL PRIMARY KEY,
    position  VARCHAR(400) NOT NULL
);
