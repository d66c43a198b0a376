/** HTTP edge of silences: create, list, read and expire them. */
package io.ownwatch.router.silence.web;
