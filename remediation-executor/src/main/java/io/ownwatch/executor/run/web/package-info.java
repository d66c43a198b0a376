/** The run API for people: request, list, show, approve, reject. */
package io.ownwatch.executor.run.web;
