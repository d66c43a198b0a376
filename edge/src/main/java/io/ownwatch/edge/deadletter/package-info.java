/**
 * One retry and dead-letter policy for every Spring Cloud Stream consumer of our topics: undecodable and refused
 * records go to the binding's dead-letter topic at once, an absent database, registry or broker is waited out,
 * anything else is retried by the binding's back-off and then dead-lettered.
 */
package io.ownwatch.edge.deadletter;
