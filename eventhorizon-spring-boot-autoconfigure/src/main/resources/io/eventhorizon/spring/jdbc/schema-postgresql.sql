-- The cursor tables of EventHorizon's transactional processors, for PostgreSQL.
-- Instances that start at once run this together: "IF NOT EXISTS" alone does not see a
-- table another session is creating, and the later insert into the catalog fails. So one
-- statement creates the three tables, holding a transaction-level advisory lock (the key
-- is this script's own, arbitrary number) until it commits.
DO '
BEGIN
    PERFORM pg_advisory_xact_lock(7214506931287412301);

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
END
';
