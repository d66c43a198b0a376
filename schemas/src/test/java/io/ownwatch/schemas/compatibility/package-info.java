/** The schema compatibility gate: current contracts against every released version (BACKWARD_TRANSITIVE). */
package io.ownwatch.schemas.compatibility;
