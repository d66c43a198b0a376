/**
 * The HTTP_REQUEST action: only allowlisted hosts, every resolved address checked against internal ranges and
 * connected to as checked, redirects refused, a bounded and masked excerpt of the answer kept.
 */
package io.ownwatch.executor.action.http;
