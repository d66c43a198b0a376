/** The HTTP API of on-call schedules: CRUD, overrides, who is on call and the shifts of a period. */
package io.ownwatch.registry.schedule.web;
