/** The append-only audit trail of every mutating request (who, what, which resource, when, outcome, from where) and its API for ops-admins. */
package io.ownwatch.edge.audit;
