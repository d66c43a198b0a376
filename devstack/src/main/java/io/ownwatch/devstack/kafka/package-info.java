/** A real single-node Kafka broker and KRaft controller running inside the JVM. */
package io.ownwatch.devstack.kafka;
