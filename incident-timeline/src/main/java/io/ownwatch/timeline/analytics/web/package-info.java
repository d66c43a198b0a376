/** The HTTP API of the analytics, {@code /api/v1/analytics/...}, with the metric definitions in its OpenAPI description. */
package io.ownwatch.timeline.analytics.web;
