/**
 * Reading a compacted topic whole into a local view: from offset 0, without a consumer group, followed for as long
 * as the service runs, and confirmed current whenever it has read up to the end offsets it measured. Knows topics,
 * keys and values, never what they mean.
 */
package io.ownwatch.edge.feed;
