/** The notification queue in PostgreSQL. */
package io.ownwatch.router.notification.jdbc;
