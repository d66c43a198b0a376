/**
 * The event contracts every Ownwatch service shares: the generated Avro classes in {@code io.ownwatch.events}
 * and what it takes to use them.
 */
package io.ownwatch.schemas;
