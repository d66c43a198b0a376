/** Benchmarks that drive a running platform over loopback from a second process and print what they measured. */
package io.ownwatch.bench;
