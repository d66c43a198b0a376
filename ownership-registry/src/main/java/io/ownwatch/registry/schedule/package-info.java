/** On-call schedules and the pure arithmetic of who is on call when: layers, rotations, restrictions, overrides, DST. */
package io.ownwatch.registry.schedule;
