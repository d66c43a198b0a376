/** The HTTP edge every service shares: RFC 9457 problem details that name the offending field, never a stack trace. */
package io.ownwatch.edge.web;
