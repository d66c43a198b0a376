/** A schema registry speaking the Confluent REST API, storing its schemas in PostgreSQL. */
package io.ownwatch.devstack.registry;
