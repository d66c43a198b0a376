/**
 * The coverage report: where the registry would leave an alert without anyone to page (services without
 * an owner or escalation policy, schedules with gaps, teams without members, policies that page nobody,
 * selectors that overlap), computed by a pure function over a snapshot of the registry.
 */
package io.ownwatch.registry.coverage;
