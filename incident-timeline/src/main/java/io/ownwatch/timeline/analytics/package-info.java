/**
 * Response-time analytics over the incident projection: MTTA/MTTR with their definitions, trends, interruption
 * load per team, escalation rate, and what automation resolves and saves. Computed in SQL where it is an
 * aggregate; the parts that are decisions (time saved by automation) are pure and unit-tested.
 */
package io.ownwatch.timeline.analytics;
