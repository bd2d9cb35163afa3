/**
 * Cursors of transactional processors in a relational database, with Spring JDBC.
 */
@NullMarked
package io.eventhorizon.spring.jdbc;

import org.jspecify.annotations.NullMarked;
