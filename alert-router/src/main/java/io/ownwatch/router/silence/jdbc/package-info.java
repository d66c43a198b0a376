/** PostgreSQL adapter of silences: the silence table, matchers as JSON. */
package io.ownwatch.router.silence.jdbc;
