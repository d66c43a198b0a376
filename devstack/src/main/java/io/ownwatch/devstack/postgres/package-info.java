/** A real PostgreSQL server from embedded binaries, with its data kept in a directory of our choosing. */
package io.ownwatch.devstack.postgres;
