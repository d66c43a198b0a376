/** The ops-admin-only API for ops rules, kill switches and the global shadow mode. */
package io.ownwatch.executor.policy.web;
