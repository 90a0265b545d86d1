/**
 * The storage SPI on a relational database through plain JDBC: an embedded H2 file as the
 * zero-setup durable choice, PostgreSQL for production, or any {@link javax.sql.DataSource} the
 * host already has.
 *
 * <p>Start with {@link dev.parley.storage.jdbc.JdbcStorage}: it migrates the schema and hands out
 * the stores.
 */
@NullMarked
package dev.parley.storage.jdbc;

import org.jspecify.annotations.NullMarked;
